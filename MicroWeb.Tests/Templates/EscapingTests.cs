using System.Net;
using MicroWeb.Templates;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Templates;

/// <summary>HTML auto-escaping: every {{ expression }} of an .html/.htm/.xml template is encoded, raw HTML only on purpose.</summary>
public sealed class EscapingTests
{
    // Renders `template` through the pipeline with `value` taken from the query string, so hostile input arrives as from a browser.
    private static async Task<(HttpStatusCode Status, string Body, string? ContentType)> RenderAsync(TemplateSite site, string template, string value, Action<MicroWebApp>? setup = null)
    {
        var app = site.CreateApp();
        setup?.Invoke(app);
        app.Get("/render", ([FromQuery] string value) => RenderTemplate(template, new { value }));
        var response = await app.TestClient().GetAsync("/render?value=" + Uri.EscapeDataString(value));
        return ((HttpStatusCode)response.StatusCode, response.Text, response.ContentType);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\" onmouseover=\"alert(1)", "&#34; onmouseover=&#34;alert(1)")]
    [InlineData("' autofocus onfocus='alert(1)", "&#39; autofocus onfocus=&#39;alert(1)")]
    [InlineData("</title><script src=//evil.example></script>", "&lt;/title&gt;&lt;script src=//evil.example&gt;&lt;/script&gt;")]
    [InlineData("&lt;b&gt; is already an entity", "&amp;lt;b&amp;gt; is already an entity")]
    [InlineData("José & María: ñandú 🎉", "José &amp; María: ñandú 🎉")]
    public async Task Hostile_values_are_encoded_in_content_and_in_quoted_attributes(string value, string encoded)
    {
        using var site = new TemplateSite(("page.html", "<p title=\"{{ value }}\">{{ value }}</p><a href='{{ value }}'>x</a>"));

        var (status, body, contentType) = await RenderAsync(site, "page.html", value);

        status.ShouldBe(HttpStatusCode.OK);
        contentType.ShouldBe("text/html; charset=utf-8");
        body.ShouldBe($"<p title=\"{encoded}\">{encoded}</p><a href='{encoded}'>x</a>");
    }

    [Fact]
    public async Task Literal_template_text_is_never_escaped()
    {
        const string literal = "<b class=\"x\">Tom & 'Jerry'</b> <script>var a = 1 < 2;</script>";
        using var site = new TemplateSite(("page.html", literal + "{{ value }}"));

        var (_, body, _) = await RenderAsync(site, "page.html", "<i>");

        body.ShouldBe(literal + "&lt;i&gt;");
    }

    [Fact]
    public async Task Expressions_built_in_the_template_are_escaped_too()
    {
        using var site = new TemplateSite(("page.html", "{{ \"<b>\" + value }}|{{ [value, \"<u>\"] }}|{{ value | string.upcase }}"));

        var (_, body, _) = await RenderAsync(site, "page.html", "<i>");

        body.ShouldBe("&lt;b&gt;&lt;i&gt;|[&#34;&lt;i&gt;&#34;, &#34;&lt;u&gt;&#34;]|&lt;I&gt;");
    }

    [Fact]
    public async Task Raw_html_only_on_purpose_with_safe_raw_or_markup_from_helpers()
    {
        using var site = new TemplateSite(("page.html", "{{ value | safe }}|{{ raw value }}|{{ negrita value }}|{{ value | escape }}|{{ value | html.escape }}"));

        var (_, body, _) = await RenderAsync(site, "page.html", "<em>hi</em>", app =>
            app.Templates.AddFunction("negrita", (string text) => new Markup("<b>" + Markup.Encode(text) + "</b>")));

        // safe/raw trust the value; the helper's Markup is written as is; escape and html.escape encode exactly once.
        body.ShouldBe("<em>hi</em>|<em>hi</em>|<b>&lt;em&gt;hi&lt;/em&gt;</b>|&lt;em&gt;hi&lt;/em&gt;|&lt;em&gt;hi&lt;/em&gt;");
    }

    [Fact]
    public async Task Included_partials_are_not_escaped_twice()
    {
        using var site = new TemplateSite(
            ("page.html", "<div>{{ include 'partials/item.html' }}</div>"),
            ("partials/item.html", "<i title=\"{{ value }}\">{{ value }}</i>"));

        var (_, body, _) = await RenderAsync(site, "page.html", "<script>\"x\"</script>");

        body.ShouldBe("<div><i title=\"&lt;script&gt;&#34;x&#34;&lt;/script&gt;\">&lt;script&gt;&#34;x&#34;&lt;/script&gt;</i></div>");
    }

    [Fact]
    public async Task Captured_output_is_not_escaped_twice()
    {
        using var site = new TemplateSite(("page.html", "{{ capture fila }}<td>{{ value }}</td>{{ end }}<tr>{{ fila }}{{ fila }}</tr>"));

        var (_, body, _) = await RenderAsync(site, "page.html", "a&b");

        body.ShouldBe("<tr><td>a&amp;b</td><td>a&amp;b</td></tr>");
    }

    [Theory]
    [InlineData("page.htm", "text/html; charset=utf-8")]
    [InlineData("feed.xml", "application/xml; charset=utf-8")]
    public async Task Htm_and_xml_templates_are_escaped(string name, string contentType)
    {
        using var site = new TemplateSite((name, "<item>{{ value }}</item>"));

        var (_, body, type) = await RenderAsync(site, name, "</item><evil/>");

        body.ShouldBe("<item>&lt;/item&gt;&lt;evil/&gt;</item>");
        type.ShouldBe(contentType);
    }

    [Fact]
    public async Task Text_templates_are_not_escaped_and_are_not_served_as_html()
    {
        using var site = new TemplateSite(("mail.txt", "Hola {{ value }}"));

        var (_, body, type) = await RenderAsync(site, "mail.txt", "<Ana & Luis>");

        body.ShouldBe("Hola <Ana & Luis>");
        type.ShouldBe("text/plain; charset=utf-8");
    }

    [Fact]
    public async Task An_html_page_including_a_text_partial_escapes_only_its_own_expressions()
    {
        // Escaping follows each template's own extension, as Jinja's select_autoescape.
        using var site = new TemplateSite(
            ("page.html", "{{ value }}|{{ include 'raw.txt' }}"),
            ("raw.txt", "{{ value }}"));

        var (_, body, _) = await RenderAsync(site, "page.html", "<b>");

        body.ShouldBe("&lt;b&gt;|<b>");
    }

    [Fact]
    public async Task Extensions_can_be_added_to_the_escaped_set()
    {
        using var site = new TemplateSite(("card.tpl", "{{ value }}"));

        var (_, body, type) = await RenderAsync(site, "card.tpl", "<b>", app => app.Templates.AutoEscapeExtensions.Add(".tpl"));

        body.ShouldBe("&lt;b&gt;");
        type.ShouldBe("text/html; charset=utf-8");
    }

    [Fact]
    public void Markup_encode_handles_every_special_character_and_keeps_the_rest()
    {
        Markup.Encode("<>&\"'").ShouldBe("&lt;&gt;&amp;&#34;&#39;");
        Markup.Encode("plain ñ").ShouldBe("plain ñ");
        Markup.Encode(null).ShouldBe("");
        Markup.Escape(new Markup("<b>")).Html.ShouldBe("<b>");
        Markup.Escape(1.5).Html.ShouldBe("1.5");
    }

    [Theory]
    [InlineData("badge.svg", "image/svg+xml")]
    [InlineData("page.xhtml", "text/html")]
    [InlineData("feed.xml", null)]
    public async Task Svg_xhtml_and_xml_templates_are_escaped_as_in_Flask(string name, string? mediaType)
    {
        using var site = new TemplateSite((name, "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{{ value }}</text></svg>"));
        var (status, body, contentType) = await RenderAsync(site, name, "</text><script>alert(1)</script>");
        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("<text>&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text>");
        body.ShouldNotContain("<script>");
        if (mediaType is not null) contentType!.ShouldStartWith(mediaType);
    }

    [Theory]
    [InlineData("{{ object.eval value }}")]
    [InlineData("{{ object.eval_template value }}")]
    [InlineData("{{ value | object.eval_template }}")]
    public async Task Scriban_eval_builtins_are_not_available(string template)
    {
        using var site = new TemplateSite(("page.html", template));
        var (status, body, _) = await RenderAsync(site, "page.html", "{{ 6 * 7 }}");
        body.ShouldNotContain("42");
        status.ShouldBe(HttpStatusCode.InternalServerError);
    }
}
