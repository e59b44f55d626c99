using MicroWeb.Http;

namespace MicroWeb.Tests.Apps;

public class ViewFilterTests
{
    private sealed class OnlyOnTuesdaysAttribute : ViewFilterAttribute
    {
        public override Response? Before(RequestContext context) =>
            context.Request.Query["day"] == "tuesday" ? null : Response.Text("come back on Tuesday", 403);
    }

    private sealed class SlowCheckAttribute : ViewFilterAttribute
    {
        public override async ValueTask<Response?> BeforeAsync(RequestContext context)
        {
            await Task.Yield();
            return context.Request.Query["ok"] is null ? Response.Text("no", 400) : null;
        }
    }

    [OnlyOnTuesdays]
    private static class Tuesday
    {
        [Route("/market")]
        public static string Market() => "market";

        [Route("/fish"), SlowCheck]
        public static string Fish() => "fish";
    }

    private static MicroWebApp App()
    {
        var app = new MicroWebApp { LoginView = "Login" };
        app.BeforeRequest(c => { c.G["user"] = c.Request.Query["as"]; return null; });
        app.Get("/login", () => "login page", endpoint: "Login");
        app.Get("/open", () => "open");
        app.Get("/create", [LoginRequired] () => "create form");
        app.Get("/admin", [LoginRequired(LoginEndpoint = "AdminLogin")] () => "admin");
        app.Get("/admin/login", () => "admin login", endpoint: "AdminLogin");
        app.AddRoutes(typeof(Tuesday));
        return app;
    }

    [Fact]
    public async Task LoginRequired_redirects_anonymous_visitors_to_the_login_view()
    {
        var client = App().TestClient();
        var response = await client.GetAsync("/create");
        response.StatusCode.ShouldBe(302);
        response.Location.ShouldBe("/login");
        (await client.GetAsync("/create?as=ana")).Text.ShouldBe("create form");
        (await client.GetAsync("/open")).Text.ShouldBe("open");
        (await client.GetAsync("/admin")).Location.ShouldBe("/admin/login");
    }

    [Fact]
    public async Task Without_a_login_view_LoginRequired_answers_401()
    {
        var app = new MicroWebApp();
        app.Get("/", [LoginRequired] () => "secret");
        (await app.TestClient().GetAsync("/")).StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task Filters_on_a_class_and_on_a_method_run_class_first_and_may_be_async()
    {
        var client = App().TestClient();
        (await client.GetAsync("/market")).Text.ShouldBe("come back on Tuesday");
        (await client.GetAsync("/market?day=tuesday")).Text.ShouldBe("market");
        (await client.GetAsync("/fish?day=tuesday")).StatusCode.ShouldBe(400);
        (await client.GetAsync("/fish")).StatusCode.ShouldBe(403);
        (await client.GetAsync("/fish?day=tuesday&ok=1")).Text.ShouldBe("fish");
    }

    [Fact]
    public async Task A_blueprint_filter_guards_every_route_of_the_blueprint_only()
    {
        var app = new MicroWebApp { LoginView = "Login" };
        app.Get("/login", () => "login page", endpoint: "Login");
        var admin = new Blueprint("admin", "/admin").Filter(new LoginRequiredAttribute());
        admin.Get("/", () => "dashboard", endpoint: "Index");
        app.Register(admin);
        var client = app.TestClient();
        (await client.GetAsync("/admin/")).Location.ShouldBe("/login");
        (await client.GetAsync("/login")).Text.ShouldBe("login page");
    }

    [Fact]
    public async Task A_filter_sees_the_posted_form()
    {
        var app = new MicroWebApp();
        app.Post("/", [RequiresName] () => "ok");
        var client = app.TestClient();
        (await client.PostFormAsync("/", new { name = "" })).StatusCode.ShouldBe(400);
        (await client.PostFormAsync("/", new { name = "x" })).Text.ShouldBe("ok");
    }

    private sealed class RequiresNameAttribute : ViewFilterAttribute
    {
        public override Response? Before(RequestContext context) =>
            string.IsNullOrEmpty(context.Request.Form["name"]) ? Response.Text("name?", 400) : null;
    }
}
