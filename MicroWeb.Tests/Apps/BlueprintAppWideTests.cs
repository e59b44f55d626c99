using MicroWeb.Tests.Templates;

namespace MicroWeb.Tests.Apps;

/// <summary>A blueprint's hooks, error handlers and template globals for the whole app (Flask's app_* decorators).</summary>
public class BlueprintAppWideTests
{
    private sealed class Forbidden : Exception;

    [Fact]
    public async Task An_auth_blueprint_serves_the_whole_app()
    {
        using var site = new TemplateSite(("page.html", "{{ site_name }}/{{ shout 'hi' }}/{{ g.user }}"));
        var app = site.CreateApp();
        var auth = new Blueprint("auth", "/auth");
        auth.AppHooks.BeforeRequest(c => { c.G["user"] = "ana"; return null; });
        auth.AppHooks.AfterRequest((c, r) => { r.Headers["X-Auth"] = "seen"; return r; });
        auth.AppErrorHandler<Forbidden>(() => ("forbidden", 403));
        auth.AppErrorHandler(404, () => "auth's not found");
        auth.AppTemplateGlobal("site_name", "Flaskr");
        auth.AppTemplateGlobal("shout", (string s) => s.ToUpperInvariant());
        auth.Get("/login", () => "login");
        app.Register(auth);
        app.Get("/", () => Web.RenderTemplate("page.html"));
        app.Get("/boom", string () => throw new Forbidden());

        var client = app.TestClient();
        var page = await client.GetAsync("/");
        page.Text.ShouldBe("Flaskr/HI/ana");
        page.Headers["X-Auth"].ShouldBe("seen");
        (await client.GetAsync("/boom")).StatusCode.ShouldBe(403);
        var missing = await client.GetAsync("/nowhere");
        missing.StatusCode.ShouldBe(404);
        missing.Text.ShouldBe("auth's not found");
    }
}
