using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MicroWeb.Tests.Support;
using Microsoft.OpenApi;

namespace MicroWeb.Tests.OpenApi;

/// <summary>The sample's fruit API: the REST verbs over real HTTP, and its description with texts from XML doc comments.</summary>
public class SampleApiTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartSampleAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Fruits_are_read_replaced_and_deleted_with_the_rest_verbs()
    {
        // A name no other test uses: the sample's fruit list is shared by every sample server in this process.
        var nombre = "pera-" + Guid.NewGuid().ToString("N")[..8];
        var url = $"/datos/frutas/{nombre}";
        (await _server.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var created = await _server.Client.PutAsJsonAsync(url, new { color = "verde" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Content.ReadAsStringAsync()).ShouldBe($$"""{"nombre":"{{nombre}}","color":"verde"}""");

        // PUT is idempotent: the same request again replaces, and the state is the same.
        var replaced = await _server.Client.PutAsJsonAsync(url, new { color = "amarilla" });
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _server.Client.GetStringAsync(url)).ShouldBe($$"""{"nombre":"{{nombre}}","color":"amarilla"}""");
        (await _server.Client.GetStringAsync("/datos/frutas")).ShouldContain(nombre);

        (await _server.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _server.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _server.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _server.Client.GetStringAsync("/datos/frutas")).ShouldNotContain(nombre);
    }

    [Fact]
    public async Task The_fruit_api_is_described_with_its_verbs_types_and_doc_comments()
    {
        var (document, json) = await OpenApiReading.FetchAsync(_server);
        document.Paths["/datos/frutas"].Operations!.Keys.ShouldBe([HttpMethod.Get]);
        document.Paths["/datos/crear_fruta"].Operations!.Keys.ShouldBe([HttpMethod.Post]);
        document.Paths["/datos/frutas/{nombre}"].Operations!.Keys.ShouldBe([HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete], ignoreOrder: true);

        var paths = json["paths"]!;
        var list = paths["/datos/frutas"]!["get"]!;
        list["summary"]!.GetValue<string>().ShouldBe("Lists every fruit.");
        list["tags"]![0]!.GetValue<string>().ShouldBe("Datos");
        list["responses"]!["200"]!["content"]!["application/json"]!["schema"]!.ToJsonString()
            .ShouldBe("""{"type":"array","items":{"$ref":"#/components/schemas/Fruta"}}""");

        var create = paths["/datos/crear_fruta"]!["post"]!;
        create["description"]!.GetValue<string>().ShouldStartWith("The lecture's version");
        create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Fruta");
        create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Fruta");
        create["responses"]!["400"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/FaltanCampos");

        var item = paths["/datos/frutas/{nombre}"]!;
        item["get"]!["parameters"]![0]!["description"]!.GetValue<string>().ShouldBe("The fruit's name.");
        item["get"]!["responses"]!["404"]!["description"]!.GetValue<string>().ShouldBe("There is no fruit with that name.");
        item["put"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["200", "201", "400"]);
        item["delete"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["204", "404"]);

        var fruta = json["components"]!["schemas"]!["Fruta"]!;
        fruta["description"]!.GetValue<string>().ShouldBe("A fruit, as the lecture's REST example sends and receives it.");
        fruta["properties"]!["nombre"]!["description"]!.GetValue<string>().ShouldBe("The fruit's name, its key in the list.");
        fruta["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["nombre", "color"]);
        json["components"]!["schemas"]!["CambioDeFruta"]!["properties"]!["color"]!.ToJsonString()
            .ShouldBe("""{"type":"string","minLength":3,"maxLength":30,"description":"The colour, 3 to 30 characters."}""");

        var tags = json["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        tags["Datos"].ShouldNotBeNull().ShouldStartWith("The lecture's JSON services");
    }

    [Fact]
    public async Task The_lecture_routes_keep_working_with_crear_fruta_unchanged()
    {
        var missing = await _server.Client.PostAsJsonAsync("/datos/crear_fruta", new { nombre = "kiwi" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldBe("""{"error":"Faltan campos obligatorios","campos":["color"]}""");
        JsonNode.Parse(await _server.Client.GetStringAsync("/datos/frutas"))!.AsArray().Count.ShouldBeGreaterThanOrEqualTo(2);
    }
}
