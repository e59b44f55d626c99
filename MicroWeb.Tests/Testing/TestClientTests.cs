using MicroWeb.Http;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Testing;

public class TestClientTests
{
    public sealed record Punto(int X, int Y);

    [Fact]
    public async Task Json_helpers_cookies_and_redirects()
    {
        var app = new MicroWebApp("t");
        app.Post("/doble", (Punto p) => new Punto(p.X * 2, p.Y * 2));
        app.Get("/entrar", () => new Response("ok").SetCookie("usuario", "ana maría"));
        app.Get("/quien", (Request r) => r.Cookies.GetValueOrDefault("usuario", "nadie"));
        app.Get("/salir", () => new Response("bye").DeleteCookie("usuario"));
        app.Get("/ir", () => Redirect(UrlFor("Destino")));
        app.Get("/destino", () => "llegaste", endpoint: "Destino");
        var client = app.TestClient();

        var doble = await client.PostJsonAsync("/doble", new Punto(2, 3));
        doble.StatusCode.ShouldBe(200);
        (await doble.ReadJsonAsync<Punto>()).ShouldBe(new Punto(4, 6));
        doble.Json!["x"]!.GetValue<int>().ShouldBe(4);

        (await client.GetAsync("/quien")).Text.ShouldBe("nadie");
        await client.GetAsync("/entrar");
        (await client.GetAsync("/quien")).Text.ShouldBe("ana maría");
        await client.GetAsync("/salir");
        (await client.GetAsync("/quien")).Text.ShouldBe("nadie");

        (await client.GetAsync("/ir")).StatusCode.ShouldBe(302);
        client.FollowRedirects = true;
        (await client.GetAsync("/ir")).Text.ShouldBe("llegaste");
    }

    [Fact]
    public async Task Put_delete_and_headers_reach_the_handler()
    {
        var app = new MicroWebApp("t");
        app.Put("/x/<int:id>", async (int id, Request r) => $"put {id} {(await r.ReadJsonNodeAsync())!.ToJsonString()}");
        app.Delete("/x/<int:id>", (int id, Request r) => $"delete {id} {r.Headers["X-Motivo"]}");
        var client = app.TestClient();
        (await client.PutJsonAsync("/x/3", new { a = 1 })).Text.ShouldBe("put 3 {\"a\":1}");
        (await client.DeleteAsync("/x/3", new Dictionary<string, string> { ["X-Motivo"] = "viejo" })).Text.ShouldBe("delete 3 viejo");
    }

    [Fact]
    public async Task The_request_context_is_set_inside_a_request_and_gone_after_it()
    {
        var app = new MicroWebApp("t");
        app.Get("/ruta", () => RequestContext.Current?.Request.Path ?? "none");
        var client = app.TestClient();

        (await client.GetAsync("/ruta")).Text.ShouldBe("/ruta");
        RequestContext.Current.ShouldBeNull();
    }

    [Fact]
    public void Cookies_carry_every_attribute()
    {
        var response = new Response("x").SetCookie("pref", "oscuro", new CookieOptions
        {
            Path = "/app", Domain = "example.com", MaxAge = TimeSpan.FromHours(1),
            Expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), Secure = true, HttpOnly = true, SameSite = "Strict",
        });
        response.Headers["Set-Cookie"].ShouldBe("pref=oscuro; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Strict");
        Should.Throw<ArgumentException>(() => new Response().SetCookie("a", "b", new CookieOptions { SameSite = "None" }));
        new Response().DeleteCookie("pref").Headers["Set-Cookie"]!.ShouldContain("Max-Age=0");
    }
}
