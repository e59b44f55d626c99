using System.Text.Encodings.Web;
using System.Text.Json;
using MicroWeb.Http;
using MicroWeb.OpenApi;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    private static readonly JsonSerializerOptions OpenApiJson = new()
    {
        WriteIndented = true,
        // Served as application/json, never inside HTML: no need to escape ' < > &, so the document stays readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Describes the app with OpenAPI 3.1, as flask-smorest does: serves <c>/openapi.json</c>, generated from the
    /// route table on first request, and the interactive explorer (Swagger UI, embedded) at <c>/docs</c>.
    /// <code>
    /// app.UseOpenApi("Frutas", "1.0.0");
    /// app.UseOpenApi("Frutas", "1.0.0", o =&gt; o.Include = route =&gt; route.Rule.StartsWith("/datos"));
    /// </code>
    /// </summary>
    /// <param name="title">The API's name.</param>
    /// <param name="version">The API's version.</param>
    /// <param name="configure">Changes other settings (paths, description, which routes).</param>
    /// <remarks>Both are served while <see cref="AppConfig.ApiDocs"/> is on (the default); with it off
    /// (<c>MICROWEB_API_DOCS=0</c>) they answer 404. The explorer's page carries a Content-Security-Policy that fits
    /// Swagger UI and nothing more.</remarks>
    public MicroWebApp UseOpenApi(string title, string version, Action<OpenApiOptions>? configure = null)
    {
        ThrowIfStarted();
        var options = new OpenApiOptions { Title = title, Version = version };
        configure?.Invoke(options);

        // Routes cannot change once the app serves requests, so the document is built once, when first asked for.
        var document = new Lazy<byte[]>(() =>
            System.Text.Encoding.UTF8.GetBytes(new OpenApiDocumentBuilder(_routes, JsonOptions, options).Build().ToJsonString(OpenApiJson)));
        Get(options.DocumentPath, [ExcludeFromOpenApi] () =>
        {
            DocsEnabled();
            var response = new Response(document.Value, 200, Response.JsonType);
            response.Headers["Cache-Control"] = "no-cache";
            return response;
        }, "openapi.document");

        if (options.DocsPath is not { } docs) return this;
        var root = docs.TrimEnd('/');
        Get(docs, [ExcludeFromOpenApi] () =>
        {
            DocsEnabled();
            var page = new Response(SwaggerUi.Page(options.Title, docs));
            page.Headers["Content-Security-Policy"] = SwaggerUi.ContentSecurityPolicy;
            page.Headers["X-Frame-Options"] = "DENY";
            return page;
        }, "openapi.docs");
        Get(root + "/swagger-initializer.js", [ExcludeFromOpenApi] () =>
        {
            DocsEnabled();
            return new Response(SwaggerUi.Initializer(options.DocumentPath), 200, "text/javascript; charset=utf-8");
        }, "openapi.docs.initializer");
        foreach (var (name, contentType) in SwaggerUi.Assets)
        {
            Get($"{root}/{name}", [ExcludeFromOpenApi] () =>
            {
                DocsEnabled();
                var response = new Response(SwaggerUi.Asset(name), 200, contentType);
                response.Headers["Cache-Control"] = "public, max-age=86400";
                return response;
            }, $"openapi.docs.{name}");
        }
        return this;
    }

    // Config.ApiDocs is read per request: a production deployment turns the explorer and the document off with a
    // variable, whatever the code registered.
    private void DocsEnabled()
    {
        if (!Config.ApiDocs) throw new HttpException(404);
    }
}
