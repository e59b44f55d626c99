using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace MicroWeb.Tests.OpenApi;

/// <summary>The sample's fruit API (with MicroWeb.OpenApi): the REST verbs, and its description with texts from XML doc
/// comments, through the in-memory test client.</summary>
public class SampleApiTests
{
    private readonly MicroWebApp _app = MicroWeb.Sample.SampleApp.Create([]).App;
    private TestClient Client => _app.TestClient();

    [Fact]
    public async Task Fruits_are_read_replaced_and_deleted_with_the_rest_verbs()
    {
        // A name no other test uses: the sample's fruit list is shared by every sample server in this process.
        var nombre = "pera-" + Guid.NewGuid().ToString("N")[..8];
        var url = $"/datos/frutas/{nombre}";
        (await Client.GetAsync(url)).StatusCode.ShouldBe(404);

        var created = await Client.PutJsonAsync(url, new Dictionary<string, string> { ["color"] = "verde" });
        created.StatusCode.ShouldBe(201);
        created.Text.ShouldBe($$"""{"nombre":"{{nombre}}","color":"verde"}""");

        // PUT is idempotent: the same request again replaces, and the state is the same.
        var replaced = await Client.PutJsonAsync(url, new Dictionary<string, string> { ["color"] = "amarilla" });
        replaced.StatusCode.ShouldBe(200);
        (await Client.GetAsync(url)).Text.ShouldBe($$"""{"nombre":"{{nombre}}","color":"amarilla"}""");
        (await Client.GetAsync("/datos/frutas")).Text.ShouldContain(nombre);

        (await Client.DeleteAsync(url)).StatusCode.ShouldBe(204);
        (await Client.GetAsync(url)).StatusCode.ShouldBe(404);
        (await Client.DeleteAsync(url)).StatusCode.ShouldBe(404);
        (await Client.GetAsync("/datos/frutas")).Text.ShouldNotContain(nombre);
    }

    [Fact]
    public async Task The_fruit_api_is_described_with_its_verbs_types_and_doc_comments()
    {
        var (document, json) = await OpenApiReading.FetchAsync(_app);
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
        var missing = await Client.PostJsonAsync("/datos/crear_fruta", new Dictionary<string, string> { ["nombre"] = "kiwi" });
        missing.StatusCode.ShouldBe(400);
        missing.Text.ShouldBe("""{"error":"Faltan campos obligatorios","campos":["color"]}""");
        JsonNode.Parse((await Client.GetAsync("/datos/frutas")).Text)!.AsArray().Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task The_sample_refuses_an_invalid_fruit_colour_with_field_errors()
    {
        var response = await Client.PutAsync("/datos/frutas/validacion", """{"color":"ab"}""", "application/json");
        response.StatusCode.ShouldBe(400);
        response.Text.ShouldBe("""{"errors":[{"field":"color","message":"The field color must be a string with a minimum length of 3 and a maximum length of 30."}]}""");
        (await Client.GetAsync("/datos/frutas/validacion")).StatusCode.ShouldBe(404);
    }
}
