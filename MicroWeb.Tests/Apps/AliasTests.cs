
namespace MicroWeb.Tests.Apps;

public class AliasTests
{
    [Fact]
    public async Task An_alias_names_an_existing_endpoint_for_url_building()
    {
        var app = new MicroWebApp();
        var blog = new Blueprint("blog");
        blog.Get("/", () => Web.UrlFor("index") + "|" + Web.UrlFor(".Index"), endpoint: "Index");
        app.Alias("index", "blog.Index"); // before the blueprint is registered: resolved when used
        app.Register(blog);
        (await app.TestClient().GetAsync("/")).Text.ShouldBe("/|/");
        app.UrlFor("index").ShouldBe("/");
    }

    [Fact]
    public void An_alias_cannot_hide_an_endpoint()
    {
        var app = new MicroWebApp();
        app.Get("/", () => "", endpoint: "home");
        Should.Throw<InvalidOperationException>(() => app.Alias("home", "other"));
        app.Alias("start", "home");
        Should.Throw<InvalidOperationException>(() => app.Alias("start", "home"));
    }
}
