using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.OpenApi;

/// <summary>JSON bodies checked against their C# type, as marshmallow does for flask-smorest: 400 with every field error.</summary>
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

    private static async Task<LiveServer> StartAsync()
    {
        var app = new MicroWebApp("t");
        app.Post("/lineas", (Linea linea) => (linea, 201));
        app.Post("/pedidos", (Pedido pedido) => (new { pedido.Cliente, lineas = pedido.Lineas.Count }, 201));
        app.Post("/periodos", (Periodo periodo) => "ok");
        app.Post("/nodo", (JsonObject body) => body);
        return await LiveServer.StartAsync(app);
    }

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(LiveServer s, string path, string json)
    {
        var response = await s.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static (string Field, string Message)[] Errors(string body) =>
        JsonNode.Parse(body)!["errors"]!.AsArray()
            .Select(e => (e!["field"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToArray();

    [Fact]
    public async Task Valid_bodies_reach_the_handler()
    {
        await using var s = await StartAsync();
        var (status, body, _) = await PostAsync(s, "/lineas", """{"producto":"pan","cantidad":2}""");
        status.ShouldBe(HttpStatusCode.Created);
        body.ShouldBe("""{"producto":"pan","cantidad":2,"nota":null}""");

        (await PostAsync(s, "/pedidos", """{"cliente":"ana","mesa":4,"lineas":[{"producto":"té","cantidad":1}],"email":"ana@example.com"}""")).Status
            .ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Missing_and_null_required_members_are_listed_by_field()
    {
        await using var s = await StartAsync();

        var (status, body, response) = await PostAsync(s, "/lineas", """{"cantidad":2}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        body.ShouldBe("""{"errors":[{"field":"producto","message":"The producto field is required."}]}""");

        Errors((await PostAsync(s, "/lineas", """{"producto":null,"cantidad":2}""")).Body)
            .ShouldBe([("producto", "The producto field is required.")]);

        // C# `required` members: every missing one is reported, not only the first.
        var missing = await PostAsync(s, "/pedidos", "{}");
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        Errors(missing.Body).ShouldBe([("cliente", "The cliente field is required."), ("mesa", "The mesa field is required.")]);
    }

    [Fact]
    public async Task Data_annotations_are_checked_in_nested_objects_lists_and_dictionaries()
    {
        await using var s = await StartAsync();
        var (status, body, _) = await PostAsync(s, "/pedidos", """
            {"cliente":"ana","mesa":1,"email":"not-an-email",
             "lineas":[{"producto":"pan","cantidad":1},{"producto":"","cantidad":0},{"producto":"una descripción larguísima","cantidad":101}],
             "extras":{"postre":{"cantidad":5}}}
            """);
        status.ShouldBe(HttpStatusCode.BadRequest);
        Errors(body).ShouldBe([
            ("lineas[1].producto", "The producto field is required."),
            ("lineas[1].cantidad", "The field cantidad must be between 1 and 100."),
            ("lineas[2].producto", "The field producto must be a string with a maximum length of 20."),
            ("lineas[2].cantidad", "The field cantidad must be between 1 and 100."),
            ("email", "The email field is not a valid e-mail address."),
            ("extras.postre.producto", "The producto field is required."),
        ]);
    }

    [Fact]
    public async Task Wrong_json_types_name_the_field()
    {
        await using var s = await StartAsync();
        var (status, body, _) = await PostAsync(s, "/pedidos", """{"cliente":"ana","mesa":"cuatro"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        var errors = Errors(body);
        errors.Length.ShouldBe(1);
        errors[0].Field.ShouldBe("mesa");
        errors[0].Message.ShouldContain("could not be converted");
        errors[0].Message.ShouldNotContain("LineNumber");

        var array = await PostAsync(s, "/lineas", "[1,2]");
        array.Status.ShouldBe(HttpStatusCode.BadRequest);
        Errors(array.Body).Single().Field.ShouldBe("");
    }

    [Fact]
    public async Task Validatable_objects_report_their_own_errors()
    {
        await using var s = await StartAsync();
        var (status, body, _) = await PostAsync(s, "/periodos", """{"desde":"2025-05-02","hasta":"2025-05-01"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        Errors(body).ShouldBe([("desde", "Hasta must not be before Desde."), ("hasta", "Hasta must not be before Desde.")]);
        (await PostAsync(s, "/periodos", """{"desde":"2025-05-01","hasta":"2025-05-02"}""")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Malformed_json_and_untyped_bodies_keep_their_plain_errors()
    {
        await using var s = await StartAsync();
        var malformed = await PostAsync(s, "/lineas", """{"producto": """);
        malformed.Status.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Body.ShouldContain("not valid JSON");

        var deep = new string('[', 100) + new string(']', 100);
        (await PostAsync(s, "/lineas", deep)).Status.ShouldBe(HttpStatusCode.BadRequest);

        // JsonObject bodies are the handler's business: no schema to check against.
        (await PostAsync(s, "/nodo", """{"cualquier":"cosa"}""")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_sample_refuses_an_invalid_fruit_colour()
    {
        await using var s = await LiveServer.StartSampleAsync();
        var response = await s.Client.PutAsync("/datos/frutas/validacion", new StringContent("""{"color":"ab"}""", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Errors(await response.Content.ReadAsStringAsync())
            .ShouldBe([("color", "The field color must be a string with a minimum length of 3 and a maximum length of 30.")]);
        (await s.Client.GetAsync("/datos/frutas/validacion")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
