using MicroWeb.Tests.Templates;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Apps;

public class FlashTests
{
    private static MicroWebApp App(TemplateSite site)
    {
        var app = site.CreateApp();
        app.Config.SecretKey = "test-key";
        app.Config.Testing = true;
        app.Post("/save", () => { Flash("Saved."); Flash("Check the title.", "error"); return Redirect("/"); });
        app.Get("/", () => RenderTemplate("page.html"));
        return app;
    }

    [Fact]
    public async Task A_flashed_message_shows_on_the_next_page_once()
    {
        using var site = new TemplateSite(("page.html", "{{ for m in get_flashed_messages }}[{{ m }}]{{ end }}"));
        var client = App(site).TestClient(followRedirects: true);
        (await client.PostAsync("/save")).Text.ShouldBe("[Saved.][Check the title.]");
        (await client.GetAsync("/")).Text.ShouldBe("");
    }

    [Fact]
    public async Task Categories_and_filters_work_in_templates()
    {
        using var site = new TemplateSite(("page.html",
            "{{ for f in (get_flashed_messages with_categories: true) }}{{ f.category }}:{{ f.message }};{{ end }}" +
            "{{ for m in get_flashed_messages(true, ['error']) }}<{{ m.message }}>{{ end }}"));
        var client = App(site).TestClient(followRedirects: true);
        (await client.PostAsync("/save")).Text.ShouldBe("message:Saved.;error:Check the title.;<Check the title.>");
    }

    [Fact]
    public async Task Code_reads_them_too_and_a_page_rendered_in_the_same_request_shows_them()
    {
        using var site = new TemplateSite(("page.html", "{{ for m in get_flashed_messages }}[{{ m }}]{{ end }}"));
        var app = site.CreateApp();
        app.Config.SecretKey = "test-key";
        app.Get("/code", () => { Flash("a", "info"); Flash("b", "error"); return string.Join(",", GetFlashedMessagesWithCategories("error").Select(f => $"{f.Category}={f.Message}")) + "|" + string.Join(",", GetFlashedMessages()); });
        app.Post("/invalid", () => { Flash("Title is required."); return RenderTemplate("page.html"); });
        var client = app.TestClient();
        (await client.GetAsync("/code")).Text.ShouldBe("error=b|a,b");
        (await client.PostAsync("/invalid")).Text.ShouldBe("[Title is required.]");
        client.LastContext!.Session.ContainsKey("_flashes").ShouldBeFalse();
    }

    [Fact]
    public async Task Messages_are_escaped_and_a_page_without_a_secret_key_renders()
    {
        using var site = new TemplateSite(("page.html", "[{{ for m in get_flashed_messages }}{{ m }}{{ end }}]"));
        var app = site.CreateApp();
        app.Get("/", () => RenderTemplate("page.html"));
        (await app.TestClient().GetAsync("/")).Text.ShouldBe("[]");

        app = site.CreateApp();
        app.Config.SecretKey = "k";
        app.Get("/", () => { Flash("<b>"); return RenderTemplate("page.html"); });
        (await app.TestClient().GetAsync("/")).Text.ShouldBe("[&lt;b&gt;]");
    }
}
