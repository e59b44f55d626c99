using System.Reflection;

namespace MicroWeb.Tests.Architecture;

/// <summary>An app and a blueprint register routes, error handlers, hooks and filters through one shared surface
/// (Scaffold), so what works on one works on the other.</summary>
public class RegistrationSurfaceTests
{
    // Registration APIs that only make sense on one side, as in Flask (the app_* decorators are the blueprint's).
    private static readonly string[] AppOnly =
        ["AddCorsPolicy", "AddRateLimitPolicy", "Alias", "Command", "Register", "UseCompression", "UseCors", "UseOpenApi", "UseRateLimiting", "UseSecurityHeaders"];
    private static readonly string[] BlueprintOnly = ["AppErrorHandler", "AppTemplateGlobal"];

    [Fact]
    public void Every_registration_method_of_the_app_exists_on_blueprints_and_back()
    {
        var app = RegistrationMethods(typeof(MicroWebApp));
        var blueprint = RegistrationMethods(typeof(Blueprint));

        app.Except(blueprint).Where(m => !AppOnly.Contains(m.Split('(')[0])).ShouldBeEmpty();
        blueprint.Except(app).Where(m => !BlueprintOnly.Contains(m.Split('(')[0])).ShouldBeEmpty();
        app.ShouldContain("Patch(String,Delegate,String)");
        app.ShouldContain("ErrorHandler(Type,Delegate)");
        app.ShouldContain("Filter(ViewFilterAttribute)");
    }

    // The fluent methods (those returning the type itself), by name and parameter types, the type itself written "Self".
    private static string[] RegistrationMethods(Type type) =>
        [.. type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.ReturnType == type)
            .Select(m => $"{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType == type ? "Self" : p.ParameterType.Name))})")
            .Distinct().Order(StringComparer.Ordinal)];

    [RoutePrefix("/cuentas", Name = "cuentas")]
    private sealed class Accounts
    {
        [Route("/<int:id>", Methods = ["PATCH"])]
        public static string Rename(int id) => $"renamed {id}";

        [Route("/subir", Methods = ["POST"], MaxContentLength = 10)]
        public static string Upload(Request request) => "subido";

        [ErrorHandler(typeof(KeyNotFoundException))]
        public static (string, int) Missing() => ("no such account", 404);
    }

    [Fact]
    public async Task A_blueprint_takes_route_classes_with_their_prefix_names_limits_and_error_handlers()
    {
        var bp = new Blueprint("api", "/api").AddRoutes<Accounts>();
        bp.Patch("/x", () => "patched");
        bp.Get("/falta", string () => throw new KeyNotFoundException());
        var app = new MicroWebApp().Register(bp);
        var client = app.TestClient();

        (await client.SendAsync("PATCH", "/api/cuentas/7")).Text.ShouldBe("renamed 7");
        (await client.SendAsync("PATCH", "/api/x")).Text.ShouldBe("patched");
        (await client.PostAsync("/api/cuentas/subir", "0123456789ABC")).StatusCode.ShouldBe(413);
        (await client.PostAsync("/api/cuentas/subir", "0123")).Text.ShouldBe("subido");
        var missing = await client.GetAsync("/api/falta");
        (missing.StatusCode, missing.Text).ShouldBe((404, "no such account"));
        app.UrlFor("api.cuentas.Rename", new { id = 3 }).ShouldBe("/api/cuentas/3");
    }

    [Fact]
    public async Task A_lambda_gets_the_same_endpoint_name_on_an_app_and_on_a_blueprint()
    {
        var bp = new Blueprint("bp", "/bp").Get("/hola", () => "hola");
        var app = new MicroWebApp().Register(bp);
        app.Get("/hola", () => "hola");

        app.UrlFor("/hola GET").ShouldBe("/hola");
        app.UrlFor("bp./hola GET").ShouldBe("/bp/hola");
        (await app.TestClient().GetAsync("/bp/hola")).Text.ShouldBe("hola");
    }

    [Fact]
    public async Task Blueprint_hook_shortcuts_run_only_for_its_routes()
    {
        var bp = new Blueprint("admin", "/admin")
            .BeforeRequest(c => c.Request.Query["key"] == "ok" ? null : new Response("forbidden", 403))
            .AfterRequest((c, r) => { r.Headers["X-Admin"] = "1"; return r; });
        bp.Get("/", () => "panel");
        var app = new MicroWebApp().Register(bp);
        app.Get("/", () => "home");
        var client = app.TestClient();

        (await client.GetAsync("/admin/")).StatusCode.ShouldBe(403);
        var panel = await client.GetAsync("/admin/?key=ok");
        (panel.Text, panel.Headers["X-Admin"]).ShouldBe(("panel", "1"));
        var home = await client.GetAsync("/");
        (home.Text, home.Headers["X-Admin"]).ShouldBe(("home", null));
    }

    private sealed class Deny : ViewFilterAttribute
    {
        public override Response? Before(RequestContext context) => new Response("denied", 401);
    }

    [Fact]
    public async Task An_app_filter_runs_before_every_route_handler_but_not_for_urls_without_a_route()
    {
        var app = new MicroWebApp();
        app.Get("/", () => "home");
        app.Filter(new Deny());
        var client = app.TestClient();

        (await client.GetAsync("/")).StatusCode.ShouldBe(401);
        (await client.GetAsync("/nada")).StatusCode.ShouldBe(404);
    }
}
