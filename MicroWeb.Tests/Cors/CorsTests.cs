using MicroWeb.Cors;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Cors;

/// <summary>
/// CORS as flask-cors and ASP.NET Core: allowed origins get Access-Control-Allow-Origin (never "*" with credentials),
/// preflights are answered from the route table, the route's policy wins over its blueprint's and the app's.
/// </summary>
public sealed class CorsTests
{
    private const string Site = "https://app.example.com";

    private static Dictionary<string, string> From(string origin, params (string Name, string Value)[] more)
    {
        var headers = new Dictionary<string, string> { ["Origin"] = origin };
        foreach (var (name, value) in more) headers[name] = value;
        return headers;
    }

    private static Task<TestResponse> Preflight(TestClient client, string path, string origin, string method, string? headers = null)
    {
        var h = From(origin, ("Access-Control-Request-Method", method));
        if (headers is not null) h["Access-Control-Request-Headers"] = headers;
        return client.SendAsync("OPTIONS", path, null, null, h);
    }

    [Fact]
    public async Task An_allowed_origin_is_named_and_others_get_no_cors_headers()
    {
        var app = new MicroWebApp("t").UseCors(CorsPolicy.AllowOrigins(Site, "https://admin.example.com"));
        app.Get("/api", () => new { ok = true });
        var client = app.TestClient();

        var allowed = await client.GetAsync("/api", From(Site));
        allowed.Headers["Access-Control-Allow-Origin"].ShouldBe(Site);
        allowed.Headers["Vary"].ShouldBe("Origin");
        allowed.Headers["Access-Control-Allow-Credentials"].ShouldBeNull();

        var other = await client.GetAsync("/api", From("https://evil.example"));
        other.StatusCode.ShouldBe(200); // the browser, not the server, withholds the response
        other.Headers["Access-Control-Allow-Origin"].ShouldBeNull();
        other.Headers["Vary"].ShouldBe("Origin");

        (await client.GetAsync("/api")).Headers["Access-Control-Allow-Origin"].ShouldBeNull();
    }

    [Fact]
    public async Task Any_origin_is_a_star_without_credentials_and_refused_with_them()
    {
        var app = new MicroWebApp("t").UseCors(CorsPolicy.AllowOrigins("*"));
        app.Get("/api", () => "x");
        (await app.TestClient().GetAsync("/api", From(Site))).Headers["Access-Control-Allow-Origin"].ShouldBe("*");

        var error = Should.Throw<InvalidOperationException>(() =>
            new MicroWebApp("t").UseCors(new CorsPolicy { Origins = ["*"], AllowCredentials = true }));
        error.Message.ShouldContain("credentials");
        Should.Throw<InvalidOperationException>(() => new MicroWebApp("t").UseCors(CorsPolicy.AllowOrigins("https://app.example.com/")));
    }

    [Fact]
    public async Task Credentials_name_the_origin_and_exposed_headers_are_listed()
    {
        var app = new MicroWebApp("t").UseCors(new CorsPolicy
        {
            IsOriginAllowed = o => o.EndsWith(".example.com", StringComparison.Ordinal),
            AllowCredentials = true,
            ExposedHeaders = ["X-Total"],
        });
        app.Get("/api", () => "x");

        var response = await app.TestClient().GetAsync("/api", From("https://shop.example.com"));
        response.Headers["Access-Control-Allow-Origin"].ShouldBe("https://shop.example.com");
        response.Headers["Access-Control-Allow-Credentials"].ShouldBe("true");
        response.Headers["Access-Control-Expose-Headers"].ShouldBe("X-Total");
    }

    [Fact]
    public async Task A_preflight_is_answered_from_the_route_table_before_the_hooks()
    {
        var app = new MicroWebApp("t").UseCors(new CorsPolicy { Origins = [Site], MaxAge = TimeSpan.FromMinutes(10) });
        app.Route("/items/<int:id>", (int id) => "x", ["GET", "PUT"]);
        app.BeforeRequest(c => c.Request.Headers["Authorization"] is null ? Response.Text("login", 401) : null);
        var client = app.TestClient();

        var preflight = await Preflight(client, "/items/1", Site, "PUT", "Content-Type, X-Token");
        preflight.StatusCode.ShouldBe(204);
        preflight.Headers["Access-Control-Allow-Origin"].ShouldBe(Site);
        preflight.Headers["Access-Control-Allow-Methods"]!.Split(", ").ShouldBe(["GET", "HEAD", "OPTIONS", "PUT"], ignoreOrder: true);
        preflight.Headers["Access-Control-Allow-Headers"].ShouldBe("Content-Type, X-Token");
        preflight.Headers["Access-Control-Max-Age"].ShouldBe("600");
        preflight.Headers["Vary"].ShouldBe("Origin");

        var wrongMethod = await Preflight(client, "/items/1", Site, "DELETE");
        wrongMethod.Headers["Access-Control-Allow-Origin"].ShouldBeNull();
        var wrongOrigin = await Preflight(client, "/items/1", "https://evil.example", "PUT");
        wrongOrigin.Headers["Access-Control-Allow-Origin"].ShouldBeNull();
        // A plain OPTIONS is not a preflight: the hooks run and the app answers as without CORS.
        (await client.SendAsync("OPTIONS", "/items/1", null, null, null)).StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task A_preflight_asking_for_a_header_not_listed_is_refused()
    {
        var app = new MicroWebApp("t").UseCors(new CorsPolicy { Origins = [Site], Headers = ["Content-Type"], Methods = ["GET", "POST"] });
        app.Route("/api", () => "x", ["GET", "POST"]);
        var client = app.TestClient();

        var ok = await Preflight(client, "/api", Site, "POST", "content-type");
        ok.Headers["Access-Control-Allow-Headers"].ShouldBe("Content-Type");
        ok.Headers["Access-Control-Allow-Methods"].ShouldBe("GET, POST");
        (await Preflight(client, "/api", Site, "POST", "Content-Type, X-Secret")).Headers["Access-Control-Allow-Origin"].ShouldBeNull();
    }

    [Fact]
    public async Task The_route_policy_wins_over_the_blueprint_and_the_blueprint_over_the_app()
    {
        var app = new MicroWebApp("t")
            .UseCors(CorsPolicy.AllowOrigins("https://app-wide.example"))
            .AddCorsPolicy("partners", CorsPolicy.AllowOrigins("https://partner.example"));
        var api = new Blueprint("api", "/api") { Cors = CorsPolicy.AllowOrigins(Site) };
        api.Get("/list", () => "list");
        api.Get("/partners", [Cors("partners")] () => "partners");
        app.Register(api);
        app.Get("/home", () => "home");
        var client = app.TestClient();

        async Task<string?> AllowedFor(string path, string origin) => (await client.GetAsync(path, From(origin))).Headers["Access-Control-Allow-Origin"];
        (await AllowedFor("/home", "https://app-wide.example")).ShouldBe("https://app-wide.example");
        (await AllowedFor("/api/list", "https://app-wide.example")).ShouldBeNull();
        (await AllowedFor("/api/list", Site)).ShouldBe(Site);
        (await AllowedFor("/api/partners", "https://partner.example")).ShouldBe("https://partner.example");
        (await AllowedFor("/api/partners", Site)).ShouldBeNull();
        // Errors carry the headers too, so a script can read the 404 instead of seeing a network error.
        (await AllowedFor("/missing", "https://app-wide.example")).ShouldBe("https://app-wide.example");
    }

    [Fact]
    public async Task An_app_without_cors_sends_no_cors_headers()
    {
        var app = new MicroWebApp("t");
        app.Get("/api", () => "x");
        var response = await app.TestClient().SendAsync("OPTIONS", "/api", null, null, From(Site, ("Access-Control-Request-Method", "GET")));
        response.StatusCode.ShouldBe(200);
        response.Headers["Access-Control-Allow-Origin"].ShouldBeNull();
        response.Headers["Vary"].ShouldBeNull();
    }

    [Fact]
    public async Task A_browser_preflight_over_the_socket_gets_its_answer()
    {
        var app = new MicroWebApp("t").UseCors(new CorsPolicy { Origins = [Site], AllowCredentials = true });
        app.Route("/api", () => "x", ["GET", "DELETE"]);
        await using var server = await LiveServer.StartAsync(app);

        var raw = await RawHttp.SendAsync(server.Port,
            $"OPTIONS /api HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {Site}\r\nAccess-Control-Request-Method: DELETE\r\n\r\n");
        RawHttp.Status(raw).ShouldBe(204);
        raw.ShouldContain($"Access-Control-Allow-Origin: {Site}\r\n");
        raw.ShouldContain("Access-Control-Allow-Credentials: true\r\n");
        raw.ShouldContain("Vary: Origin\r\n");
    }
}
