using System.Text.Json.Nodes;
using MicroWeb.Tests.Support;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MicroWeb.Tests.OpenApi;

/// <summary>Fetches an app's /openapi.json and reads it back with Microsoft.OpenApi, failing on any reader or validation error.</summary>
internal static class OpenApiReading
{
    public static async Task<(OpenApiDocument Document, JsonObject Json)> FetchAsync(LiveServer server, string path = "/openapi.json")
    {
        var response = await server.Client.GetAsync(path);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var text = await response.Content.ReadAsStringAsync();
        return (Read(text), JsonNode.Parse(text)!.AsObject());
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
