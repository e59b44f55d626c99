using System.Text;
using MicroWeb.Http;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Core;

/// <summary>Binding, return values and startup validation, through the pipeline.</summary>
public class HandlerTests
{
    public enum Color { Red, Green }

    public sealed record Item(string Nombre, int Cantidad);

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

    private static MicroWebApp BindingApp()
    {
        var app = new MicroWebApp("t");
        app.Get("/l/<int:n>", (long n) => $"long {n}");
        app.Get("/d/<float:x>", (decimal x) => $"decimal {x}");
        app.Get("/e/<c>", (Color c) => $"enum {c}");
        app.Get("/u/<uuid:pedido_id>", (Guid pedidoId) => $"guid {pedidoId}");
        app.Get("/q", ([FromQuery] int page, [FromQuery] string? tag) => $"page {page} tag {tag ?? "none"}");
        return app;
    }

    [Theory]
    [InlineData("/l/9000000000", 200, "long 9000000000")]
    [InlineData("/d/2.50", 200, "decimal 2.5")]
    [InlineData("/e/green", 200, "enum Green")]
    [InlineData("/e/blue", 404, null)]
    [InlineData("/e/1", 404, null)]
    [InlineData("/u/6F9619FF-8B86-D011-B42D-00C04FC964FF", 200, "guid 6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("/q?page=3&tag=a%20b", 200, "page 3 tag a b")]
    [InlineData("/q", 400, null)]
    [InlineData("/q?page=x", 400, null)]
    [InlineData("/q?page=1&tag=%zz", 400, null)] // sent byte for byte on a socket: HostileInputTests.Bad_encoding_in_path_or_query_is_400
    public async Task Parameters_bind_by_name_to_many_types(string target, int status, string? body)
    {
        var response = await BindingApp().TestClient().GetAsync(target);
        response.StatusCode.ShouldBe(status);
        if (body is not null) response.Text.ShouldBe(body);
    }

    [Fact]
    public async Task Request_cancellation_token_and_json_body_are_injected()
    {
        var app = new MicroWebApp("t");
        app.Post("/items", (Item item, Request request, CancellationToken token) =>
            (new { item.Nombre, doble = item.Cantidad * 2, metodo = request.Method, cancelable = token.CanBeCanceled }, 201));
        var client = app.TestClient();
        using var aborted = new CancellationTokenSource(); // the request's token, as a server's connection gives one

        var response = await client.SendAsync("POST", "/items", Encoding.UTF8.GetBytes("{\"nombre\":\"pera\",\"cantidad\":2}"), "application/json; charset=utf-8",
            cancellationToken: aborted.Token);
        response.StatusCode.ShouldBe(201);
        response.Text.ShouldBe("{\"nombre\":\"pera\",\"doble\":4,\"metodo\":\"POST\",\"cancelable\":true}");

        var deep = new string('[', 100) + new string(']', 100);
        (await client.PostAsync("/items", deep, "application/json; charset=utf-8")).StatusCode.ShouldBe(400);
    }

    private static MicroWebApp ReturnValuesApp()
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
        return app;
    }

    [Theory]
    [InlineData("/tuple", 201, "creado")]
    [InlineData("/json", 200, "{\"nombre\":\"Daniel\",\"cedula\":\"123456\",\"apellido\":\"Ortiz\"}")]
    [InlineData("/void", 204, "")]
    [InlineData("/async", 200, "async")]
    [InlineData("/valuetask", 200, "[1,2]")]
    [InlineData("/abort", 403, null)]
    public async Task Return_values_become_responses_as_in_flask(string target, int status, string? body)
    {
        var response = await ReturnValuesApp().TestClient().GetAsync(target);
        response.StatusCode.ShouldBe(status);
        if (body is not null) response.Text.ShouldBe(body);
    }

    [Fact]
    public async Task Returned_headers_and_responses_keep_their_headers_and_cookies()
    {
        var client = ReturnValuesApp().TestClient();

        var headers = await client.GetAsync("/headers");
        headers.Headers.Where(h => h.Key == "X-Uno").Select(h => h.Value).ShouldBe(["1"]);
        headers.ContentType!.Split(';')[0].ShouldBe("text/plain");

        var custom = await client.GetAsync("/response");
        custom.StatusCode.ShouldBe(418);
        custom.Headers.Where(h => h.Key == "Set-Cookie").Select(h => h.Value).Single().ShouldBe("a=b%20c%3Bd; Path=/; HttpOnly");
    }

    [Fact]
    public async Task Unhandled_exceptions_are_a_500_without_details_and_the_app_keeps_serving()
    {
        var app = new MicroWebApp("t") { Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance };
        app.Get("/boom", string () => throw new InvalidOperationException("secret detail"));
        app.Get("/ok", () => "ok");
        var client = app.TestClient();

        var boom = await client.GetAsync("/boom");
        boom.StatusCode.ShouldBe(500);
        boom.Text.ShouldNotContain("secret");
        boom.Text.ShouldNotContain("InvalidOperationException");
        (await client.GetAsync("/ok")).Text.ShouldBe("ok");
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
        var client = app.TestClient();
        (await client.GetAsync("/uno")).Text.ShouldBe("uno 1");
        (await client.GetAsync("/otro/5")).Text.ShouldBe("uno 5");
        (await client.GetAsync("/api/saludo")).Text.ShouldBe("instancia");
        (await client.GetAsync("/api/enlace")).Text.ShouldBe("/api/saludo?q=1");
        app.UrlFor("Uno").ShouldBe("/uno");
        app.UrlFor("Uno", new { id = 3 }).ShouldBe("/otro/3");
    }

    private sealed class Greeter(string greeting)
    {
        public string Greet(string nombre) => $"{greeting} {nombre}";
    }

    private static string Farewell(string nombre) => $"adios {nombre}";

    [Fact]
    public async Task Every_kind_of_delegate_is_called_on_its_target_and_its_exceptions_arrive_unwrapped()
    {
        var app = new MicroWebApp("t");
        var suffix = "?";
        app.Get("/lambda/<nombre>", (string nombre) => $"hola {nombre}{suffix}");
        app.Get("/instancia/<nombre>", new Greeter("buenas").Greet);
        app.Get("/estatico/<nombre>", Farewell);
        app.Get("/falla", string () => throw new TimeoutException("lento"));
        app.ErrorHandler<TimeoutException>((TimeoutException e) => ($"{e.GetType().Name}: {e.Message}", 504));
        var client = app.TestClient();
        (await client.GetAsync("/lambda/Ana")).Text.ShouldBe("hola Ana?");
        (await client.GetAsync("/instancia/Ana")).Text.ShouldBe("buenas Ana");
        (await client.GetAsync("/estatico/Ana")).Text.ShouldBe("adios Ana");
        var failed = await client.GetAsync("/falla");
        failed.StatusCode.ShouldBe(504);
        failed.Text.ShouldBe("TimeoutException: lento");
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
}
