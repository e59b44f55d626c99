using MicroWeb.Tests.Templates;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Apps;

/// <summary>request.form, request.args and request.files from synchronous code and templates.</summary>
public class FormTests
{
    [Fact]
    public async Task A_posted_form_is_read_before_a_synchronous_handler()
    {
        var app = new MicroWebApp();
        app.Post("/", () => $"{Web.Request.Form["title"]}|{Web.Request.Form["body"]}|{Web.Request.Args["page"]}");
        var response = await app.TestClient().PostFormAsync("/?page=2", new { title = "Día 1", body = "a&b=c" });
        response.Text.ShouldBe("Día 1|a&b=c|2");
    }

    [Fact]
    public async Task Templates_read_the_form_with_a_fallback_to_the_stored_value()
    {
        using var site = new TemplateSite(("edit.html",
            "<input value=\"{{ request.form.title ?? post.title }}\"><textarea>{{ request.form['body'] ?? post.body }}</textarea>{{ request.args.page }}"));
        var app = site.CreateApp(debug: true);
        var post = new { Title = "Stored", Body = "line 1\nline 2" };
        app.Route("/edit", () => RenderTemplate("edit.html", new { post }), ["GET", "POST"]);
        var client = app.TestClient();
        (await client.GetAsync("/edit?page=2")).Text.ShouldBe("<input value=\"Stored\"><textarea>line 1\nline 2</textarea>2");
        (await client.PostFormAsync("/edit", new Dictionary<string, string> { ["title"] = "New <b>", ["body"] = "x\ny" })).Text
            .ShouldBe("<input value=\"New &lt;b&gt;\"><textarea>x\ny</textarea>");
    }

    [Fact]
    public async Task Multipart_files_are_there_too()
    {
        var app = new MicroWebApp();
        app.Post("/up", () => $"{Web.Request.Form["note"]}:{Web.Request.Files.Single().FileName}");
        var body = "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--b--\r\n";
        (await app.TestClient().PostAsync("/up", body, "multipart/form-data; boundary=b")).Text.ShouldBe("hi:a.txt");
    }

    [Fact]
    public void Outside_the_pipeline_an_unread_form_says_what_to_do()
    {
        var headers = new MicroWeb.Http.RequestHeaders(new System.Collections.Specialized.NameValueCollection { ["Content-Type"] = "application/x-www-form-urlencoded" });
        var request = new Request("POST", "/", headers, new MemoryStream("a=1"u8.ToArray()));
        Should.Throw<InvalidOperationException>(() => request.Form).Message.ShouldContain("ReadFormAsync");
        new Request("GET", "/", new MicroWeb.Http.RequestHeaders(new())).Form.Count.ShouldBe(0);
    }
}
