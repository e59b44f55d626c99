using System.Net;
using System.Text;
using MicroWeb.Http;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Core;

/// <summary>Binding, return values and startup validation, over real HTTP.</summary>
public class HandlerTests
{
    public enum Color { Red, Green }

    public sealed record Item(string Nombre, int Cantidad);

    private static async Task<string> Get(LiveServer s, string path) => await s.Client.GetStringAsync(path);

    [Theory]
    [InlineData("nombre=Ana", "nombre")]
    [InlineData("a=1&nombre=Ana&nombre=Eva", "nombre")]
    [InlineData("?nombre=Ana", "nombre")]
    [InlineData("nombre&x=1", "nombre")]
    [InlineData("nombre=&x=1", "nombre")]
    [InlineData("&&nombre=a=b&", "nombre")]
    [InlineData("nombres=1&nombr=2", "nombre")]
    [InlineData("x=1", "nombre")]
    [InlineData("", "nombre")]
    [InlineData("nombre=Jos%C3%A9", "nombre")]
    [InlineData("nom%62re=1", "nombre")]
    [InlineData("nombre=a+b", "nombre")]
    [InlineData("a+b=1", "a b")]
    [InlineData("nombre=José", "nombre")]
    public void One_query_argument_reads_as_the_whole_query_does(string query, string name)
    {
        WithQuery(query).QueryValue(name).ShouldBe(WithQuery(query).Query[name]);
    }

    private static Request WithQuery(string query) =>
        new("GET", "/q?" + query, new RequestHeaders(new System.Collections.Specialized.NameValueCollection()));

    [Theory]
    [InlineData("nombre=Ana&x=%zz")]
    [InlineData("x=%C3&nombre=Ana")]
    public void One_query_argument_of_a_malformed_query_is_a_400(string query)
    {
        Should.Throw<HttpException>(() => WithQuery(query).QueryValue("nombre")).StatusCode.ShouldBe(400);
    }

    [Fact]
    public async Task Parameters_bind_by_name_to_many_types()
    {
        var app = new MicroWebApp("t");
        app.Get("/l/<int:n>", (long n) => $"long {n}");
        app.Get("/d/<float:x>", (decimal x) => $"decimal {x}");
        app.Get("/e/<c>", (Color c) => $"enum {c}");
        app.Get("/u/<uuid:pedido_id>", (Guid pedidoId) => $"guid {pedidoId}");
        app.Get("/q", ([FromQuery] int page, [FromQuery] string? tag) => $"page {page} tag {tag ?? "none"}");
        await using var s = await LiveServer.StartAsync(app);

        (await Get(s, "/l/9000000000")).ShouldBe("long 9000000000");
        (await Get(s, "/d/2.50")).ShouldBe("decimal 2.5");
        (await Get(s, "/e/green")).ShouldBe("enum Green");
        (await s.GetAsync("/e/blue")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await s.GetAsync("/e/1")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Get(s, "/u/6F9619FF-8B86-D011-B42D-00C04FC964FF")).ShouldBe("guid 6f9619ff-8b86-d011-b42d-00c04fc964ff");
        (await Get(s, "/q?page=3&tag=a%20b")).ShouldBe("page 3 tag a b");
        (await s.GetAsync("/q")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await s.GetAsync("/q?page=x")).Status.ShouldBe(HttpStatusCode.BadRequest);
        var badEscape = await RawHttp.SendAsync(s.Port, "GET /q?page=1&tag=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.Status(badEscape).ShouldBe(400);
    }

    [Fact]
    public async Task Request_cancellation_token_and_json_body_are_injected()
    {
        var app = new MicroWebApp("t");
        app.Post("/items", (Item item, Request request, CancellationToken token) =>
            (new { item.Nombre, doble = item.Cantidad * 2, metodo = request.Method, cancelable = token.CanBeCanceled }, 201));
        await using var s = await LiveServer.StartAsync(app);

        var response = await s.Client.PostAsync("/items", new StringContent("{\"nombre\":\"pera\",\"cantidad\":2}", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadAsStringAsync()).ShouldBe("{\"nombre\":\"pera\",\"doble\":4,\"metodo\":\"POST\",\"cancelable\":true}");

        var deep = new string('[', 100) + new string(']', 100);
        var tooDeep = await s.Client.PostAsync("/items", new StringContent(deep, Encoding.UTF8, "application/json"));
        tooDeep.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Return_values_become_responses_as_in_flask()
    {
        var app = new MicroWebApp("t");
        app.Get("/tuple", () => ("creado", 201));
        app.Get("/headers", () => ("hola", 200, new Dictionary<string, string> { ["X-Uno"] = "1", ["Content-Type"] = "text/plain" }));
        app.Get("/json", () => new { nombre = "Daniel", cedula = "123456", Apellido = "Ortiz" });
        app.Get("/void", () => { });
        app.Get("/async", async () => { await Task.Yield(); return "async"; });
        app.Get("/valuetask", () => new ValueTask<object>(new[] { 1, 2 }));
        app.Get("/response", () => new Response("nope", 418, "text/plain").SetCookie("a", "b c;d", new CookieOptions { HttpOnly = true }));
        app.Get("/abort", string () => throw Abort(403));
        await using var s = await LiveServer.StartAsync(app);

        var tuple = await s.Client.GetAsync("/tuple");
        tuple.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await tuple.Content.ReadAsStringAsync()).ShouldBe("creado");

        var headers = await s.Client.GetAsync("/headers");
        headers.Headers.GetValues("X-Uno").ShouldBe(["1"]);
        headers.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");

        (await Get(s, "/json")).ShouldBe("{\"nombre\":\"Daniel\",\"cedula\":\"123456\",\"apellido\":\"Ortiz\"}");
        (await s.Client.GetAsync("/void")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Get(s, "/async")).ShouldBe("async");
        (await Get(s, "/valuetask")).ShouldBe("[1,2]");

        var custom = await s.Client.GetAsync("/response");
        custom.StatusCode.ShouldBe((HttpStatusCode)418);
        custom.Headers.GetValues("Set-Cookie").Single().ShouldBe("a=b%20c%3Bd; Path=/; HttpOnly");

        (await s.Client.GetAsync("/abort")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unhandled_exceptions_are_a_500_without_details_and_the_server_keeps_serving()
    {
        var app = new MicroWebApp("t") { Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance };
        app.Get("/boom", string () => throw new InvalidOperationException("secret detail"));
        app.Get("/ok", () => "ok");
        await using var s = await LiveServer.StartAsync(app);

        var boom = await s.GetAsync("/boom");
        boom.Status.ShouldBe(HttpStatusCode.InternalServerError);
        boom.Body.ShouldNotContain("secret");
        boom.Body.ShouldNotContain("InvalidOperationException");
        (await Get(s, "/ok")).ShouldBe("ok");
    }

    public static class Handlers
    {
        [Route("/uno")]
        [Route("/otro/<int:id>")]
        public static string Uno(int id = 1) => $"uno {id}";
    }

    [RoutePrefix("/api", Name = "api")]
    public sealed class Api
    {
        private readonly string _greeting = "instancia";

        [Route("/saludo")]
        public string Saludo() => _greeting;

        [Route("/enlace")]
        public string Enlace() => UrlFor("api.Saludo", new { q = 1 });
    }

    [Fact]
    public async Task Attributed_handlers_static_instance_and_prefixed()
    {
        var app = new MicroWebApp("t").AddRoutes(typeof(Handlers)).AddRoutes<Api>();
        await using var s = await LiveServer.StartAsync(app);
        (await Get(s, "/uno")).ShouldBe("uno 1");
        (await Get(s, "/otro/5")).ShouldBe("uno 5");
        (await Get(s, "/api/saludo")).ShouldBe("instancia");
        (await Get(s, "/api/enlace")).ShouldBe("/api/saludo?q=1");
        app.UrlFor("Uno").ShouldBe("/uno");
        app.UrlFor("Uno", new { id = 3 }).ShouldBe("/otro/3");
    }

    [Fact]
    public void Startup_errors_name_the_handler()
    {
        var app = new MicroWebApp("t");
        Should.Throw<InvalidOperationException>(() => app.Get("/x/<int:id>", (int other) => "")).Message.ShouldContain("'other'");
        Should.Throw<InvalidOperationException>(() => app.Get("/y/<id>", () => "")).Message.ShouldContain("'id'");
        Should.Throw<InvalidOperationException>(() => app.Get("/z", () => (Func<int>)(() => 1))).Message.ShouldContain("not supported");
        app.Get("/a", () => "a", endpoint: "nombre");
        Should.Throw<InvalidOperationException>(() => app.Get("/b", () => "b", endpoint: "nombre")).Message.ShouldContain("'nombre'");
        Should.Throw<MicroWeb.Routing.RuleSyntaxException>(() => app.Get("/c/<int:n", (int n) => ""));
    }

    [Fact]
    public async Task A_port_in_use_gives_one_clear_message()
    {
        var first = new MicroWebApp("a");
        await first.StartAsync("127.0.0.1", 0);
        try
        {
            var second = new MicroWebApp("b");
            var e = await Should.ThrowAsync<InvalidOperationException>(() => second.StartAsync("127.0.0.1", first.Config.Port));
            e.Message.ShouldContain("port");
        }
        finally
        {
            await first.StopAsync();
        }
    }
}
