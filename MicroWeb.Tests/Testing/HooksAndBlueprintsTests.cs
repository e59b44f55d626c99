using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Testing;

public class HooksAndBlueprintsTests
{
    [Fact]
    public async Task Hooks_run_in_order_may_short_circuit_change_the_response_and_teardown_sees_errors()
    {
        var log = new List<string>();
        Exception? seen = null;
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Get("/", () => { log.Add("handler"); return "hola"; });
        app.Get("/boom", string () => throw new InvalidOperationException("x"));
        app.BeforeRequest(c => { log.Add("before1"); return null; });
        app.BeforeRequest(c => { log.Add("before2"); return c.Request.Query["bloquear"] is null ? null : new Response("bloqueado", 403); });
        app.AfterRequest((c, r) => { log.Add("after1"); r.Headers["X-Uno"] = "1"; return r; });
        app.AfterRequest((c, r) => { log.Add("after2"); return r; });
        app.Teardown((c, e) => { log.Add("teardown"); seen = e; });
        var client = app.TestClient();

        var ok = await client.GetAsync("/");
        ok.Text.ShouldBe("hola");
        ok.Headers["X-Uno"].ShouldBe("1");
        log.ShouldBe(["before1", "before2", "handler", "after1", "after2", "teardown"]);
        seen.ShouldBeNull();

        log.Clear();
        var blocked = await client.GetAsync("/?bloquear=1");
        blocked.StatusCode.ShouldBe(403);
        log.ShouldBe(["before1", "before2", "after1", "after2", "teardown"]);

        (await client.GetAsync("/boom")).StatusCode.ShouldBe(500);
        seen.ShouldBeOfType<InvalidOperationException>();
    }

    private static Blueprint Admin()
    {
        var bp = new Blueprint("admin", "/admin");
        bp.Get("/", () => "panel", endpoint: "Index");
        bp.Get("/enlaces", () => $"{UrlFor(".Index")} {UrlFor("admin.Usuario", new { id = 3 })}");
        bp.Get("/usuario/<int:id>", (int id) => id == 0 ? throw Abort(404) : $"usuario {id}", endpoint: "Usuario");
        bp.Hooks.BeforeRequest(c => c.Request.Headers["X-Admin"] is null ? new Response("solo admins", 401) : null);
        bp.ErrorHandler(404, () => "no existe en admin");
        return bp;
    }

    [Fact]
    public async Task Blueprints_prefix_rules_and_names_with_their_own_hooks_and_error_handlers()
    {
        var app = new MicroWebApp("t");
        app.Get("/", () => "inicio");
        app.Register(Admin());
        var client = app.TestClient();
        var admin = new Dictionary<string, string> { ["X-Admin"] = "si" };

        (await client.GetAsync("/")).Text.ShouldBe("inicio");                        // blueprint hooks do not run for app routes
        (await client.GetAsync("/admin/")).StatusCode.ShouldBe(401);                  // ...but do for its own
        (await client.GetAsync("/admin/", admin)).Text.ShouldBe("panel");
        (await client.GetAsync("/admin/enlaces", admin)).Text.ShouldBe("/admin/ /admin/usuario/3");
        (await client.GetAsync("/admin/usuario/0", admin)).Text.ShouldBe("no existe en admin");
        (await client.GetAsync("/nada")).StatusCode.ShouldBe(404);
        (await client.GetAsync("/nada")).Text.ShouldNotContain("admin");
        app.UrlFor("admin.Index").ShouldBe("/admin/");
    }

    [Fact]
    public async Task The_same_blueprint_registers_twice_under_other_prefixes_and_names()
    {
        var app = new MicroWebApp("t");
        var bp = Admin();
        app.Register(bp);
        app.Register(bp, urlPrefix: "/backoffice", name: "backoffice");
        Should.Throw<InvalidOperationException>(() => app.Register(bp, "/otra")).Message.ShouldContain("'admin'");
        var client = app.TestClient();
        var admin = new Dictionary<string, string> { ["X-Admin"] = "si" };
        (await client.GetAsync("/backoffice/enlaces", admin)).Text.ShouldBe("/backoffice/ /admin/usuario/3");
        app.UrlFor("backoffice.Usuario", new { id = 1 }).ShouldBe("/backoffice/usuario/1");
    }

    [Fact]
    public async Task A_blueprint_can_serve_its_own_static_folder()
    {
        var folder = Directory.CreateTempSubdirectory("bp-static-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "admin.css"), "h1{}");
            var bp = new Blueprint("panel", "/panel") { StaticFolder = folder };
            var app = new MicroWebApp("t");
            app.Register(bp);
            var client = app.TestClient();
            (await client.GetAsync("/panel/static/admin.css")).Text.ShouldBe("h1{}");
            (await client.GetAsync("/panel/static/../admin.css")).StatusCode.ShouldBe(404);
            app.UrlFor("panel.static", new { filename = "admin.css" }).ShouldBe("/panel/static/admin.css");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
