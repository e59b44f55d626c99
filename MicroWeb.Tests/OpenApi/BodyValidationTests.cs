using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace MicroWeb.Tests.OpenApi;

/// <summary>JSON bodies checked against their C# type once MicroWeb.OpenApi's <c>UseValidation()</c> (or
/// <c>UseOpenApi</c>) is on, as marshmallow does for flask-smorest: 400 with every field error. Without the package the
/// core deserializes only: Core/PlainJsonBodyTests.</summary>
public class BodyValidationTests
{
    public sealed record Linea([Required, StringLength(20)] string Producto, [Range(1, 100)] int Cantidad, string? Nota = null);

    public sealed class Pedido
    {
        public required string Cliente { get; init; }
        public required int Mesa { get; init; }
        public List<Linea> Lineas { get; init; } = [];
        [EmailAddress] public string? Email { get; init; }
        public Dictionary<string, Linea>? Extras { get; init; }
    }

    public sealed class Periodo : IValidatableObject
    {
        public DateOnly Desde { get; init; }
        public DateOnly Hasta { get; init; }

        public IEnumerable<ValidationResult> Validate(ValidationContext context)
        {
            if (Hasta < Desde) yield return new ValidationResult("Hasta must not be before Desde.", [nameof(Desde), nameof(Hasta)]);
        }
    }

    private static TestClient Client(bool throughOpenApi = false)
    {
        var app = new MicroWebApp("t");
        app.Post("/lineas", (Linea linea) => (linea, 201));
        app.Post("/pedidos", (Pedido pedido) => (new { pedido.Cliente, lineas = pedido.Lineas.Count }, 201));
        app.Post("/periodos", (Periodo periodo) => "ok");
        app.Post("/nodo", (JsonObject body) => body);
        if (throughOpenApi) app.UseOpenApi("t", "1");
        else app.UseValidation();
        return app.TestClient();
    }

    private static Task<TestResponse> PostAsync(TestClient client, string path, string json) => client.PostAsync(path, json, "application/json");

    private static (string Field, string Message)[] Errors(TestResponse response) =>
        response.Json!["errors"]!.AsArray().Select(e => (e!["field"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToArray();

    [Theory]
    [InlineData("/lineas", """{"producto":"pan","cantidad":2}""", 201, """{"producto":"pan","cantidad":2,"nota":null}""")]
    [InlineData("/pedidos", """{"cliente":"ana","mesa":4,"lineas":[{"producto":"té","cantidad":1}],"email":"ana@example.com"}""", 201, """{"cliente":"ana","lineas":1}""")]
    [InlineData("/periodos", """{"desde":"2025-05-01","hasta":"2025-05-02"}""", 200, "ok")]
    public async Task Valid_bodies_reach_the_handler(string path, string body, int status, string answer)
    {
        var response = await PostAsync(Client(), path, body);
        response.StatusCode.ShouldBe(status);
        response.Text.ShouldBe(answer);
    }

    // Each invalid body and the whole 400 answer: every problem, by field, in the order of the body's members.
    [Theory]
    [InlineData("/lineas", """{"cantidad":2}""", """[{"field":"producto","message":"The producto field is required."}]""")]
    [InlineData("/lineas", """{"producto":null,"cantidad":2}""", """[{"field":"producto","message":"The producto field is required."}]""")]
    // C# `required` members: every missing one is reported, not only the first.
    [InlineData("/pedidos", "{}", """[{"field":"cliente","message":"The cliente field is required."},{"field":"mesa","message":"The mesa field is required."}]""")]
    [InlineData("/periodos", """{"desde":"2025-05-02","hasta":"2025-05-01"}""", """[{"field":"desde","message":"Hasta must not be before Desde."},{"field":"hasta","message":"Hasta must not be before Desde."}]""")]
    [InlineData("/pedidos", """
        {"cliente":"ana","mesa":1,"email":"not-an-email",
         "lineas":[{"producto":"pan","cantidad":1},{"producto":"","cantidad":0},{"producto":"una descripción larguísima","cantidad":101}],
         "extras":{"postre":{"cantidad":5}}}
        """, """[{"field":"lineas[1].producto","message":"The producto field is required."},{"field":"lineas[1].cantidad","message":"The field cantidad must be between 1 and 100."},{"field":"lineas[2].producto","message":"The field producto must be a string with a maximum length of 20."},{"field":"lineas[2].cantidad","message":"The field cantidad must be between 1 and 100."},{"field":"email","message":"The email field is not a valid e-mail address."},{"field":"extras.postre.producto","message":"The producto field is required."}]""")]
    public async Task Invalid_bodies_are_refused_with_every_field_error(string path, string body, string errors)
    {
        var response = await PostAsync(Client(), path, body);
        response.StatusCode.ShouldBe(400);
        response.ContentType.ShouldBe("application/json");
        response.Text.ShouldBe($$"""{"errors":{{errors}}}""");
    }

    [Fact]
    public async Task UseOpenApi_turns_validation_on_too()
    {
        var response = await PostAsync(Client(throughOpenApi: true), "/lineas", """{"producto":"","cantidad":0}""");
        response.StatusCode.ShouldBe(400);
        Errors(response).Select(e => e.Field).ShouldBe(["producto", "cantidad"]);
    }

    [Fact]
    public async Task Wrong_json_types_name_the_field()
    {
        var client = Client();
        var response = await PostAsync(client, "/pedidos", """{"cliente":"ana","mesa":"cuatro"}""");
        response.StatusCode.ShouldBe(400);
        var errors = Errors(response);
        errors.Length.ShouldBe(1);
        errors[0].Field.ShouldBe("mesa");
        errors[0].Message.ShouldContain("could not be converted");
        errors[0].Message.ShouldNotContain("LineNumber");

        var array = await PostAsync(client, "/lineas", "[1,2]");
        array.StatusCode.ShouldBe(400);
        Errors(array).Single().Field.ShouldBe("");
    }

    [Fact]
    public async Task Malformed_json_keeps_its_plain_error()
    {
        var client = Client();
        var malformed = await PostAsync(client, "/lineas", """{"producto": """);
        malformed.StatusCode.ShouldBe(400);
        malformed.Text.ShouldContain("not valid JSON");
        (await PostAsync(client, "/lineas", new string('[', 100) + new string(']', 100))).StatusCode.ShouldBe(400);
    }

    [Fact]
    public async Task Untyped_bodies_are_the_handlers_business()
    {
        // JsonObject bodies: no schema to check against.
        (await PostAsync(Client(), "/nodo", """{"cualquier":"cosa"}""")).StatusCode.ShouldBe(200);
    }
}
