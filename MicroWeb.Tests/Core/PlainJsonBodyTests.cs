using System.ComponentModel.DataAnnotations;

namespace MicroWeb.Tests.Core;

/// <summary>
/// Typed JSON bodies in the core alone (no MicroWeb.OpenApi): System.Text.Json's deserialization under the app's
/// settings. What it refuses is a 400 that says why, never a 500; data annotations are the package's business
/// (OpenApi/BodyValidationTests).
/// </summary>
public class PlainJsonBodyTests
{
    public sealed class Pedido
    {
        public required string Cliente { get; init; }
        public int Mesa { get; init; }
        [Range(1, 10)] public int Personas { get; init; } = 1;
    }

    private static TestClient Client()
    {
        var app = new MicroWebApp("t");
        app.Post("/pedidos", (Pedido pedido) => $"{pedido.Cliente} {pedido.Mesa} {pedido.Personas}");
        return app.TestClient();
    }

    [Theory]
    [InlineData("""{"cliente":"ana","mesa":4}""", 200, "ana 4 1")]
    // Data annotations are not checked without the package.
    [InlineData("""{"cliente":"ana","personas":50}""", 200, "ana 0 50")]
    // C# `required`: the serializer refuses the body and names the member.
    [InlineData("{}", 400, "missing required properties including: 'cliente'")]
    [InlineData("""{"cliente":"ana","mesa":"cuatro"}""", 400, "$.mesa")]
    [InlineData("[1,2]", 400, "not a valid Pedido")]
    [InlineData("""{"cliente": """, 400, "not valid JSON")]
    [InlineData("null", 400, "must not be null")]
    public async Task Bodies_are_deserialized_and_what_does_not_fit_is_a_400(string body, int status, string text)
    {
        var response = await Client().PostAsync("/pedidos", body, "application/json");
        response.StatusCode.ShouldBe(status);
        (status == 200 ? response.Text : response.Json!["message"]!.GetValue<string>()).ShouldContain(text);
    }

    [Fact]
    public void The_core_reads_bodies_plainly_until_the_package_says_otherwise()
    {
        var app = new MicroWebApp("t");
        app.JsonBodyReader.ShouldBeSameAs(MicroWeb.Http.JsonBodyReader.Plain);
        app.UseValidation().JsonBodyReader.ShouldNotBeSameAs(MicroWeb.Http.JsonBodyReader.Plain);
    }
}
