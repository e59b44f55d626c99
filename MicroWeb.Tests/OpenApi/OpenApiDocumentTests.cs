using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using MicroWeb.Routing;
using MicroWeb.Routing.Converters;
using Microsoft.OpenApi;

namespace MicroWeb.Tests.OpenApi;

/// <summary>The document generated from routes: paths, parameters, bodies, responses and schemas, read back with
/// Microsoft.OpenApi. Through the in-memory test client: nothing here depends on the wire.</summary>
public class OpenApiDocumentTests
{
    public enum Estado { Abierto, Cerrado }

    [Description("A line of an order.")]
    public sealed record Linea([Required, StringLength(20)] string Producto, [Range(1, 100)] int Cantidad, string? Nota = null);

    public sealed class Pedido
    {
        public required string Cliente { get; init; }
        public List<Linea> Lineas { get; init; } = [];
        [EmailAddress] public string? Email { get; init; }
        public Estado Estado { get; init; }
        public Direccion? Envio { get; init; }
    }

    public sealed record Direccion(string Calle, [MinLength(2)] IReadOnlyList<string>? Telefonos = null);

    public sealed class Nodo
    {
        public string Nombre { get; set; } = "";
        public List<Nodo> Hijos { get; set; } = [];
    }

    private static MicroWebApp BuildApp()
    {
        var app = new MicroWebApp("openapi-test");
        app.Get("/lineas/<int(min=1, max=500):id>",
            [Summary("Reads a line")] [Description("Longer text.")] [Produces(200, typeof(Linea))] [Produces(404, Description = "No such line")]
            (int id) => new Linea("pan", id));
        app.Get("/lineas", [Tags("lineas")] ([FromQuery] int size, [FromQuery] string? q, [FromQuery] int page = 1) => new List<Linea>());
        app.Post("/pedidos", (Pedido pedido) => (pedido, 201));
        app.Put("/nodos/<uuid:id>", (Guid id, Nodo nodo) => nodo);
        app.Get("/archivos/<path:ruta>", (string ruta) => ruta);
        app.Get("/tipo/<any(uno, dos):t>", (string t) => t);
        app.Get("/precio/<float(signed=True):x>", (double x) => x);
        app.Get("/estado/<e>", (Estado e) => e.ToString());
        app.Delete("/lineas/<int:id>", (int id) => { });
        app.Route("/multi", () => "both", ["GET", "POST"], "multi");
        app.Get("/x/<int:a>", (int a) => "int");
        app.Get("/x/<b>", (string b) => "string");
        app.Get("/bytes", () => new byte[] { 1, 2 });
        app.Get("/oculto", [ExcludeFromOpenApi] () => "hidden");
        app.WebSocket("/eco/<int:veces>", async (WebSocketConnection ws, int veces) => await ws.SendAsync("hola"));
        app.UseOpenApi("Pedidos", "2.1.0", o => o.Description = "Orders: *everything*.");
        return app;
    }

    private static JsonObject Op(JsonObject json, string path, string method) => json["paths"]![path]![method]!.AsObject();

    [Fact]
    public async Task Document_is_valid_openapi_3_1_with_every_described_route()
    {
        var (document, json) = await OpenApiReading.FetchAsync(BuildApp());

        json["openapi"]!.GetValue<string>().ShouldBe("3.1.0");
        document.Info.Title.ShouldBe("Pedidos");
        document.Info.Version.ShouldBe("2.1.0");
        document.Info.Description.ShouldBe("Orders: *everything*.");
        document.Paths.Keys.ShouldBe([
            "/lineas/{id}", "/lineas", "/pedidos", "/nodos/{id}", "/archivos/{ruta}", "/tipo/{t}", "/precio/{x}",
            "/estado/{e}", "/multi", "/x/{a}", "/bytes",
        ], ignoreOrder: true);
        // "/x/{b}" is the same path as "/x/{a}" to OpenAPI: only the first registered is described.
        document.Paths["/lineas/{id}"].Operations!.Keys.ShouldBe([HttpMethod.Get, HttpMethod.Delete], ignoreOrder: true);
        document.Paths["/multi"].Operations!.Keys.ShouldBe([HttpMethod.Get, HttpMethod.Post], ignoreOrder: true);
        Op(json, "/multi", "get")["operationId"]!.GetValue<string>().ShouldBe("multi_get");
        Op(json, "/multi", "post")["operationId"]!.GetValue<string>().ShouldBe("multi_post");
        // The document and the explorer do not describe themselves.
        json["paths"]!.AsObject().Select(p => p.Key).ShouldNotContain(k => k.StartsWith("/docs") || k == "/openapi.json" || k == "/oculto");
        // A WebSocket route is no HTTP operation: OpenAPI has nothing to describe it with.
        json["paths"]!.AsObject().Select(p => p.Key).ShouldNotContain("/eco/{veces}");
    }

    [Theory]
    [InlineData("/lineas/{id}", "get", """{"type":"integer","format":"int32","minimum":1,"maximum":500}""")]
    [InlineData("/lineas/{id}", "delete", """{"type":"integer","format":"int32","minimum":0,"maximum":2147483647}""")]
    [InlineData("/nodos/{id}", "put", """{"type":"string","format":"uuid"}""")]
    [InlineData("/archivos/{ruta}", "get", """{"type":"string"}""")]
    [InlineData("/tipo/{t}", "get", """{"type":"string","enum":["uno","dos"]}""")]
    [InlineData("/precio/{x}", "get", """{"type":"number"}""")]
    [InlineData("/estado/{e}", "get", """{"enum":["Abierto","Cerrado"]}""")]
    public async Task Path_parameters_take_their_schema_from_the_converter(string path, string method, string schema)
    {
        var (_, json) = await OpenApiReading.FetchAsync(BuildApp());
        var parameter = Op(json, path, method)["parameters"]![0]!;
        parameter["in"]!.GetValue<string>().ShouldBe("path");
        parameter["required"]!.GetValue<bool>().ShouldBeTrue();
        parameter["schema"]!.ToJsonString().ShouldBe(schema);
    }

    [Fact]
    public async Task A_path_variable_says_it_may_contain_slashes()
    {
        var (_, json) = await OpenApiReading.FetchAsync(BuildApp());
        Op(json, "/archivos/{ruta}", "get")["parameters"]![0]!["description"]!.GetValue<string>().ShouldContain("slashes");
    }

    [Fact]
    public async Task Query_parameters_are_required_exactly_when_the_binder_requires_them()
    {
        var app = BuildApp();
        var (_, json) = await OpenApiReading.FetchAsync(app);

        var parameters = Op(json, "/lineas", "get")["parameters"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["name"]!.GetValue<string>());
        parameters.Keys.ShouldBe(["size", "q", "page"]);
        parameters.Values.ShouldAllBe(p => p["in"]!.GetValue<string>() == "query");
        parameters["size"]["required"]!.GetValue<bool>().ShouldBeTrue();
        parameters["size"]["schema"]!["type"]!.GetValue<string>().ShouldBe("integer");
        parameters["q"]["required"]!.GetValue<bool>().ShouldBeFalse();
        parameters["q"]["schema"]!["type"]!.GetValue<string>().ShouldBe("string");
        parameters["page"]["required"]!.GetValue<bool>().ShouldBeFalse();
        parameters["page"]["schema"]!["default"]!.GetValue<int>().ShouldBe(1);
        Op(json, "/lineas", "get")["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["lineas"]);

        // And the server agrees: size is required, the others are not.
        (await app.TestClient().GetAsync("/lineas")).StatusCode.ShouldBe(400);
        (await app.TestClient().GetAsync("/lineas?size=3")).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Bodies_and_responses_follow_the_handler_types()
    {
        var (_, json) = await OpenApiReading.FetchAsync(BuildApp());

        var post = Op(json, "/pedidos", "post");
        post["requestBody"]!["required"]!.GetValue<bool>().ShouldBeTrue();
        post["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Pedido");
        // (pedido, 201): the status is decided at run time, so the response is "default", typed by the tuple's body.
        post["responses"]!["default"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Pedido");
        // A typed body can be refused with the validation errors.
        post["responses"]!["400"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/ValidationErrorBody");

        var get = Op(json, "/lineas/{id}", "get");
        get["summary"]!.GetValue<string>().ShouldBe("Reads a line");
        get["description"]!.GetValue<string>().ShouldBe("Longer text.");
        get["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["200", "404"]);
        get["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Linea");
        get["responses"]!["404"]!["description"]!.GetValue<string>().ShouldBe("No such line");
        get["responses"]!["404"]!["content"].ShouldBeNull();

        Op(json, "/lineas", "get")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!.ToJsonString()
            .ShouldBe("""{"type":"array","items":{"$ref":"#/components/schemas/Linea"}}""");
        Op(json, "/lineas/{id}", "delete")["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["204"]);
        Op(json, "/archivos/{ruta}", "get")["responses"]!["200"]!["content"]!["text/html"].ShouldNotBeNull();
        Op(json, "/bytes", "get")["responses"]!["200"]!["content"]!["application/octet-stream"].ShouldNotBeNull();
        Op(json, "/precio/{x}", "get")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["type"]!.GetValue<string>().ShouldBe("number");
    }

    [Fact]
    public async Task Schemas_say_what_validation_enforces()
    {
        var (document, json) = await OpenApiReading.FetchAsync(BuildApp());
        var schemas = json["components"]!["schemas"]!.AsObject();
        schemas.Select(p => p.Key).ShouldBe(["Direccion", "FieldError", "Linea", "Nodo", "Pedido", "ValidationErrorBody"], ignoreOrder: true);

        var linea = schemas["Linea"]!;
        linea["description"]!.GetValue<string>().ShouldBe("A line of an order.");
        linea["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["producto"]);
        linea["properties"]!["producto"]!.ToJsonString().ShouldBe("""{"type":"string","minLength":1,"maxLength":20}""");
        linea["properties"]!["cantidad"]!["minimum"]!.GetValue<double>().ShouldBe(1);
        linea["properties"]!["cantidad"]!["maximum"]!.GetValue<double>().ShouldBe(100);
        linea["properties"]!["nota"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["string", "null"]);

        var pedido = schemas["Pedido"]!;
        // `required` keyword and a non-nullable reference type; nullable members and value types are optional.
        pedido["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["cliente", "lineas"], ignoreOrder: true);
        pedido["properties"]!["lineas"]!.ToJsonString().ShouldBe("""{"type":"array","items":{"$ref":"#/components/schemas/Linea"}}""");
        pedido["properties"]!["email"]!["format"]!.GetValue<string>().ShouldBe("email");
        pedido["properties"]!["estado"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["Abierto", "Cerrado"]);
        pedido["properties"]!["envio"]!.ToJsonString().ShouldBe("""{"anyOf":[{"$ref":"#/components/schemas/Direccion"},{"type":"null"}]}""");
        schemas["Direccion"]!["properties"]!["telefonos"]!["minItems"]!.GetValue<int>().ShouldBe(2);

        // A recursive type refers to itself through its component.
        schemas["Nodo"]!["properties"]!["hijos"]!.ToJsonString().ShouldBe("""{"type":"array","items":{"$ref":"#/components/schemas/Nodo"}}""");
        document.Components!.Schemas!.Count.ShouldBe(6);
    }

    [Fact]
    public async Task Options_move_or_filter_the_document_and_the_explorer()
    {
        var app = new MicroWebApp("t");
        app.Get("/api/a", () => "a");
        app.Get("/b", () => "b");
        app.UseOpenApi("T", "1", o =>
        {
            o.DocumentPath = "/spec.json";
            o.DocsPath = null;
            o.Include = route => route.Rule.StartsWith("/api/");
        });

        var (document, _) = await OpenApiReading.FetchAsync(app, "/spec.json");
        document.Paths.Keys.ShouldBe(["/api/a"]);
        (await app.TestClient().GetAsync("/openapi.json")).StatusCode.ShouldBe(404);
        (await app.TestClient().GetAsync("/docs")).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task UseOpenApi_after_start_is_refused()
    {
        var app = new MicroWebApp("t");
        app.Get("/", () => "x");
        (await app.TestClient().GetAsync("/")).StatusCode.ShouldBe(200); // the first request freezes the routes
        Should.Throw<InvalidOperationException>(() => app.UseOpenApi("T", "1"));
        Should.Throw<InvalidOperationException>(() => app.UseValidation());
    }

    [Fact]
    public void The_document_is_built_from_public_route_metadata_only()
    {
        // The package is shipped on its own: it reads what any app could read. A route's path as a template, its
        // variables with their converters, its handler and where each parameter comes from.
        var app = BuildApp();
        var route = app.Routes.Routes.Single(r => r.Rule == "/lineas/<int(min=1, max=500):id>");
        route.PathTemplate.ShouldBe("/lineas/{id}");
        route.PathVariables.Single().Converter.ShouldBeOfType<IntConverter>().Max.ShouldBe(500);
        route.HandlerMethod.ShouldNotBeNull();
        app.Routes.Routes.Single(r => r.Rule == "/lineas").Parameters.Select(p => (p.Name, p.Origin))
            .ShouldBe([("size", ParameterOrigin.Query), ("q", ParameterOrigin.Query), ("page", ParameterOrigin.Query)]);
        typeof(MicroWebApp).Assembly.GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), false)
            .Cast<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ShouldNotContain("MicroWeb.OpenApi");
    }
}
