using MicroWeb.Routing;

namespace MicroWeb.OpenApi;

/// <summary>Settings of <see cref="MicroWebAppOpenApiExtensions.UseOpenApi"/>: the document's title and where it is served.</summary>
public sealed class OpenApiOptions
{
    /// <summary>The API's name (<c>info.title</c>).</summary>
    public string Title { get; set; } = "API";

    /// <summary>The API's version (<c>info.version</c>), not the OpenAPI version.</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>A longer description of the API (Markdown), or null.</summary>
    public string? Description { get; set; }

    /// <summary>Where the JSON document is served.</summary>
    public string DocumentPath { get; set; } = "/openapi.json";

    /// <summary>Where the interactive explorer (Swagger UI) is served; null for no explorer.</summary>
    public string? DocsPath { get; set; } = "/docs";

    /// <summary>Which routes to describe; all of them (but the document and explorer themselves) when null.</summary>
    public Func<Route, bool>? Include { get; set; }
}
