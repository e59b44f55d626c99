using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MicroWeb.Tests.OpenApi;

/// <summary>Fetches an app's /openapi.json through the test client and reads it back with Microsoft.OpenApi, failing on
/// any reader or validation error.</summary>
internal static class OpenApiReading
{
    public static async Task<(OpenApiDocument Document, JsonObject Json)> FetchAsync(MicroWebApp app, string path = "/openapi.json")
    {
        var response = await app.TestClient().GetAsync(path);
        response.StatusCode.ShouldBe(200);
        response.ContentType.ShouldBe("application/json");
        return (Read(response.Text), JsonNode.Parse(response.Text)!.AsObject());
    }

    public static OpenApiDocument Read(string text)
    {
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");
        diagnostic.ShouldNotBeNull();
        diagnostic.Errors.Select(e => e.ToString()).ShouldBeEmpty();
        diagnostic.SpecificationVersion.ShouldBe(OpenApiSpecVersion.OpenApi3_1);
        document.ShouldNotBeNull();
        document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => e.ToString()).ShouldBeEmpty();
        return document;
    }
}
