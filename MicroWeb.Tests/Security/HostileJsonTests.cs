using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MicroWeb.Http;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Security;

/// <summary>Well-formed JSON that used to throw inside the pipeline (500): duplicate keys and lone surrogates are a 400.</summary>
public class HostileJsonTests
{
    public sealed record Fruit(string Nombre, string Color);

    private static MicroWebApp App()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Post("/node", (JsonObject body) => body["nombre"]!.GetValue<string>());
        app.Post("/typed", (Fruit fruit) => fruit.Nombre);
        app.Post("/element", (JsonElement body) => body.GetProperty("nombre").GetString()!);
        app.Post("/read-node", async (Request r) => (await r.ReadJsonNodeAsync())!["nombre"]!.GetValue<string>());
        app.Post("/read-typed", async (Request r) => (await r.ReadJsonAsync<Fruit>())!.Nombre);
        return app;
    }

    private static Task<TestResponse> Post(MicroWebApp app, string path, string json) =>
        app.TestClient().SendAsync("POST", path, Encoding.UTF8.GetBytes(json), "application/json");

    public static TheoryData<string> Paths => new() { "/node", "/typed", "/element", "/read-node", "/read-typed" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Duplicate_keys_are_400(string path)
    {
        var response = await Post(App(), path, """{"nombre":"a","nombre":"b","color":"c"}""");
        response.StatusCode.ShouldBe(400);
        response.Text.ShouldContain("Duplicate");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_lone_surrogate_is_400(string path)
    {
        var response = await Post(App(), path, """{"nombre":"\ud800","color":"c"}""");
        response.StatusCode.ShouldBe(400);
        response.Text.ShouldContain("not valid");
        (await Post(App(), path, """{"nombre":"\ud83d\ude00","color":"c"}""")).Text.ShouldBe("😀"); // a proper pair is fine
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_key_is_400()
    {
        (await Post(App(), "/node", """{"\udc00":1,"nombre":"x"}""")).StatusCode.ShouldBe(400);
    }

    [Theory]
    [InlineData("/datos/crear_fruta", """{"nombre":"a","nombre":"b","color":"c"}""")] // a duplicate key
    [InlineData("/datos/crear_fruta", """{"nombre":"\ud800","color":"c"}""")] // a lone surrogate
    [InlineData("/enviar_json", """{"a":1,"a":2}""")]
    public async Task The_sample_answers_400_to_both(string target, string json)
    {
        var client = MicroWeb.Sample.SampleApp.Create([]).App.TestClient();
        var response = await client.SendAsync("POST", target, Encoding.UTF8.GetBytes(json), "application/json");
        response.StatusCode.ShouldBe(400);
    }

    [Fact]
    public async Task A_JSON_body_can_be_read_again_after_the_binding_read_it()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Post("/twice", async (JsonObject body, Request r) => $"{body["n"]}/{(await r.ReadJsonNodeAsync())!["n"]}");
        (await Post(app, "/twice", """{"n":1}""")).Text.ShouldBe("1/1");
    }
}
