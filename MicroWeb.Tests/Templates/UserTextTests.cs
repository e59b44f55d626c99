namespace MicroWeb.Tests.Templates;

/// <summary>What a template does with user data: a multi-line value comes out exactly as it is (escaped), wherever its
/// tag stands, and a member of a missing value is blank in production, an error that names the place in debug.</summary>
public class UserTextTests
{
    private static readonly Dictionary<string, object?> Model = new() { ["text"] = "a\nb <c>\nd", ["user"] = null };

    [Fact]
    public void A_multi_line_value_in_a_layout_block_is_not_indented()
    {
        using var site = new TemplateSite(
            ("layout.html", "<body>\n  {{ block \"content\" }}\n</body>"),
            ("page.html", "{{ extends 'layout.html' }}<textarea>{{ text }}</textarea>"));
        site.CreateApp().Templates.Render("page.html", Model)
            .ShouldBe("<body>\n  <textarea>a\nb &lt;c&gt;\nd</textarea>\n</body>");
    }

    [Theory]
    [InlineData("<pre>\n  {{ text }}</pre>", "<pre>\n  a\nb &lt;c&gt;\nd</pre>")]
    [InlineData("    {{ text }}", "    a\nb &lt;c&gt;\nd")]
    [InlineData("\t{{ if true }}{{ text }}{{ end }}", "\ta\nb &lt;c&gt;\nd")]
    public void A_multi_line_value_after_whitespace_is_output_as_it_is(string template, string expected)
    {
        using var site = new TemplateSite(("t.html", template));
        site.CreateApp().Templates.Render("t.html", Model).ShouldBe(expected);
    }

    [Theory]
    [InlineData("[{{ user.id }}]")]
    [InlineData("[{{ nope.deeper }}]")]
    [InlineData("[{{ g.user.id }}]")]
    [InlineData("[{{ user.address.city }}]")]
    public void A_member_of_null_is_blank_in_production(string template)
    {
        using var site = new TemplateSite(("t.html", template));
        site.CreateApp().Templates.Render("t.html", Model).ShouldBe("[]");
    }

    [Fact]
    public async Task A_member_of_a_user_nobody_logged_in_as_is_blank_in_a_production_page()
    {
        using var site = new TemplateSite(("t.html", "[{{ g.user.id }}]"));
        var app = site.CreateApp();
        app.Get("/", () => Web.RenderTemplate("t.html"));
        var response = await app.TestClient().GetAsync("/");
        response.StatusCode.ShouldBe(200);
        response.Text.ShouldBe("[]");
    }

    [Fact]
    public void A_member_of_null_is_an_error_naming_template_and_line_in_debug()
    {
        using var site = new TemplateSite(("t.html", "line one\n{{ user.id }}"));
        var error = Should.Throw<TemplateException>(() => site.CreateApp(debug: true).Templates.Render("t.html", Model));
        error.Message.ShouldContain("t.html");
        error.Message.ShouldContain("line 2");
    }

    [Fact]
    public void The_question_dot_reads_a_member_of_null_as_blank_in_both_modes()
    {
        using var site = new TemplateSite(("t.html", "[{{ user?.id }}]"));
        site.CreateApp(debug: true).Templates.Render("t.html", Model).ShouldBe("[]");
        site.CreateApp().Templates.Render("t.html", Model).ShouldBe("[]");
    }
}
