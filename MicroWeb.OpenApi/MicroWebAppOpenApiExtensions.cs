using System.Text.Encodings.Web;
using System.Text.Json;
using MicroWeb.Http;
using MicroWeb.OpenApi;
using MicroWeb.Validation;

namespace MicroWeb;

/// <summary>
/// What the MicroWeb.OpenApi package adds to an app: the OpenAPI document, the <c>/docs</c> explorer and body
/// validation. In namespace MicroWeb, so <c>using MicroWeb;</c> is all an app writes.
/// </summary>
public static class MicroWebAppOpenApiExtensions
{
    private static readonly JsonSerializerOptions DocumentJson = new()
    {
        WriteIndented = true,
        // Served as application/json, never inside HTML: no need to escape ' < > &, so the document stays readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Describes the app with OpenAPI 3.1, as flask-smorest does: serves <c>/openapi.json</c>, generated from the
    /// route table on first request, and the interactive explorer (Swagger UI, embedded) at <c>/docs</c>. Turns on
    /// body validation (<see cref="UseValidation"/>) too, so the documented schemas are the enforced ones.
    /// <code>
    /// app.UseOpenApi("Frutas", "1.0.0");
    /// app.UseOpenApi("Frutas", "1.0.0", o =&gt; o.Include = route =&gt; route.Rule.StartsWith("/datos"));
    /// </code>
    /// </summary>
    /// <param name="app">The app to describe.</param>
    /// <param name="title">The API's name.</param>
    /// <param name="version">The API's version.</param>
    /// <param name="configure">Changes other settings (paths, description, which routes).</param>
    /// <remarks>Both are served while <see cref="AppConfig.ApiDocs"/> is on (the default); with it off
    /// (<c>MICROWEB_API_DOCS=0</c>) they answer 404. The explorer's page carries a Content-Security-Policy that fits
    /// Swagger UI and nothing more.</remarks>
    public static MicroWebApp UseOpenApi(this MicroWebApp app, string title, string version, Action<OpenApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new OpenApiOptions { Title = title, Version = version };
        configure?.Invoke(options);
        app.UseValidation();

        // Routes cannot change once the app serves requests, so the document is built once, when first asked for.
        var document = new Lazy<byte[]>(() =>
            System.Text.Encoding.UTF8.GetBytes(new OpenApiDocumentBuilder(app.Routes, app.JsonOptions, options).Build().ToJsonString(DocumentJson)));
        app.Get(options.DocumentPath, [ExcludeFromOpenApi] () =>
        {
            DocsEnabled(app);
            var response = new Response(document.Value, 200, Response.JsonType);
            response.Headers["Cache-Control"] = "no-cache";
            return response;
        }, "openapi.document");

        if (options.DocsPath is not { } docs) return app;
        var root = docs.TrimEnd('/');
        app.Get(docs, [ExcludeFromOpenApi] () =>
        {
            DocsEnabled(app);
            var page = new Response(SwaggerUi.Page(options.Title, docs));
            page.Headers["Content-Security-Policy"] = SwaggerUi.ContentSecurityPolicy;
            page.Headers["X-Frame-Options"] = "DENY";
            return page;
        }, "openapi.docs");
        app.Get(root + "/swagger-initializer.js", [ExcludeFromOpenApi] () =>
        {
            DocsEnabled(app);
            return new Response(SwaggerUi.Initializer(options.DocumentPath), 200, "text/javascript; charset=utf-8");
        }, "openapi.docs.initializer");
        foreach (var (name, contentType) in SwaggerUi.Assets)
        {
            app.Get($"{root}/{name}", [ExcludeFromOpenApi] () =>
            {
                DocsEnabled(app);
                var response = new Response(SwaggerUi.Asset(name), 200, contentType);
                response.Headers["Cache-Control"] = "public, max-age=86400";
                return response;
            }, $"openapi.docs.{name}");
        }
        return app;
    }

    /// <summary>
    /// Checks typed JSON bodies against their C# type, as marshmallow does in flask-smorest: required members
    /// (C# <c>required</c>, <c>[Required]</c>, non-nullable references without a default), values of the right JSON
    /// type, data annotations (<c>[Range]</c>, <c>[StringLength]</c>, <c>[EmailAddress]</c>...) and
    /// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>. A body that fails is a 400 listing every
    /// problem by field: <c>{"errors": [{"field": "color", "message": "The color field is required."}]}</c>.
    /// <see cref="UseOpenApi"/> calls it; call it alone for validation without a document.
    /// </summary>
    /// <param name="app">The app whose handlers' bodies are checked.</param>
    public static MicroWebApp UseValidation(this MicroWebApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.JsonBodyReader = ValidatingJsonBodyReader.Instance;
        return app;
    }

    // Config.ApiDocs is read per request: a production deployment turns the explorer and the document off with a
    // variable, whatever the code registered.
    private static void DocsEnabled(MicroWebApp app)
    {
        if (!app.Config.ApiDocs) throw new HttpException(404);
    }
}
