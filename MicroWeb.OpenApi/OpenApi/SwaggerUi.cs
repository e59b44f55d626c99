using System.Net;
using System.Text.Json;

namespace MicroWeb.OpenApi;

/// <summary>
/// The interactive explorer: Swagger UI's files, embedded in this assembly at build time (nothing is fetched
/// at run time), and the small page and start script that point it at the app's OpenAPI document.
/// </summary>
internal static class SwaggerUi
{
    /// <summary>The version of swagger-ui-dist the embedded files come from.</summary>
    public const string Version = "5.35.0";

    /// <summary>The embedded files, by the name they are served under, with their media types.</summary>
    public static readonly IReadOnlyDictionary<string, string> Assets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["swagger-ui-bundle.js"] = "text/javascript; charset=utf-8",
        ["swagger-ui.css"] = "text/css; charset=utf-8",
        ["swagger-ui-bundle.js.LICENSE.txt"] = "text/plain; charset=utf-8",
    };

    private static readonly Dictionary<string, Lazy<byte[]>> Contents = Assets.Keys.ToDictionary(
        name => name, name => new Lazy<byte[]>(() => Load(name)), StringComparer.Ordinal);

    /// <summary>The bytes of an embedded file.</summary>
    public static byte[] Asset(string name) => Contents[name].Value;

    private static byte[] Load(string name)
    {
        using var stream = typeof(SwaggerUi).Assembly.GetManifestResourceStream("MicroWeb.SwaggerUi." + name)
            ?? throw new InvalidOperationException($"The embedded Swagger UI file '{name}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// The policy sent with the explorer's page: its own scripts and styles only (Swagger UI sets style attributes,
    /// hence 'unsafe-inline' for styles alone), its inline SVG and data: images, requests to this origin (the document
    /// and "Try it out"), no framing, no plugins, no other base or form target. No script is inline, so none needs
    /// 'unsafe-inline' or 'unsafe-eval'.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The explorer's page. Scripts are separate files (no inline script), so a strict
    /// Content-Security-Policy of 'self' still allows it.</summary>
    public static string Page(string title, string docsPath)
    {
        var root = docsPath.TrimEnd('/');
        var t = WebUtility.HtmlEncode(title);
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{t}</title>
              <link rel="stylesheet" href="{root}/swagger-ui.css?v={Version}">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="{root}/swagger-ui-bundle.js?v={Version}"></script>
              <script src="{root}/swagger-initializer.js"></script>
            </body>
            </html>

            """;
    }

    /// <summary>Starts Swagger UI on the document. The validator badge is off: it would call an outside server.</summary>
    public static string Initializer(string documentPath) => $$"""
        window.addEventListener("load", function () {
          window.ui = SwaggerUIBundle({
            url: {{System.Text.Json.Nodes.JsonValue.Create(documentPath).ToJsonString()}},
            dom_id: "#swagger-ui",
            deepLinking: true,
            presets: [SwaggerUIBundle.presets.apis],
            layout: "BaseLayout",
            validatorUrl: null,
            displayRequestDuration: true
          });
        });

        """;
}
