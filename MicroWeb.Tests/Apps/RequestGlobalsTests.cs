using MicroWeb.Tests.Templates;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Apps;

public class RequestGlobalsTests
{
    private sealed record User(int Id, string Username);

    [Fact]
    public async Task G_in_code_and_g_in_templates_are_the_same_object()
    {
        using var site = new TemplateSite(("page.html", "{{ g.user.username }}|{{ if g.user }}in{{ end }}"));
        var app = site.CreateApp(debug: true);
        app.BeforeRequest(c => { c.G["user"] = new User(1, "ana"); return null; });
        object? seen = null;
        app.Get("/", () => { seen = G; G.Get<User>("user")!.Id.ShouldBe(1); return RenderTemplate("page.html"); });
        var client = app.TestClient();
        (await client.GetAsync("/")).Text.ShouldBe("ana|in");
        seen.ShouldBeSameAs(client.LastContext!.G);
        client.LastContext.Items.ShouldBeSameAs(client.LastContext.G);
    }

    [Fact]
    public void GetOrAdd_creates_once_and_Pop_removes()
    {
        var g = new RequestGlobals();
        var made = 0;
        g.GetOrAdd("db", () => ++made).ShouldBe(1);
        g.GetOrAdd("db", () => ++made).ShouldBe(1);
        g["nothing"].ShouldBeNull();
        g.Pop<int>("db").ShouldBe(1);
        g.ContainsKey("db").ShouldBeFalse();
        g.Pop<string>("db").ShouldBeNull();
    }
}
