using System.Diagnostics.CodeAnalysis;
using MicroWeb.Http;
using MicroWeb.Templates;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    private TemplateEngine? _templates;

    /// <summary>The template engine (Scriban): globals, functions, limits. See <see cref="TemplateEngine"/>.</summary>
    public TemplateEngine Templates =>
        Volatile.Read(ref _templates) ?? LazyInitializer.EnsureInitialized(ref _templates, () => new TemplateEngine(this)); // no delegate per call

    /// <summary>Renders a template without a model into a response (see <see cref="RenderTemplate(string, object?)"/>). Safe for trimming.</summary>
    /// <exception cref="TemplateNotFoundException">No such template file.</exception>
    /// <exception cref="TemplateException">The template does not parse or fails while rendering.</exception>
    public Response RenderTemplate(string name) => RenderTemplateCore(name, null, null);

    /// <summary>
    /// Renders a template from the templates folder into a response (Flask's <c>render_template</c>):
    /// <c>app.RenderTemplate("hola.html", new { nombre = "Daniel" })</c>. HTML for .html templates, with every
    /// <c>{{ value }}</c> HTML-encoded. Return <c>(RenderTemplate("404.html"), 404)</c> for another status.
    /// </summary>
    /// <param name="name">Path inside the templates folder, with '/': <c>hola.html</c>, <c>partials/nav.html</c>.</param>
    /// <param name="model">An object whose properties become variables (C# names in snake_case), or a dictionary.</param>
    /// <exception cref="TemplateNotFoundException">No such template file.</exception>
    /// <exception cref="TemplateException">The template does not parse or fails while rendering.</exception>
    [RequiresUnreferencedCode(ModelVariables.Warning)]
    public Response RenderTemplate(string name, object? model = null) => RenderTemplateCore(name, model, null);

    /// <summary>
    /// Renders a template with a model as <see cref="RenderTemplate(string, object?)"/> does, safe for trimming and
    /// Native AOT: the trimmer keeps the public properties of <typeparamref name="T"/>, an anonymous type included
    /// (<c>RenderTemplate("hola.html", new { nombre })</c> picks this overload). In a trimmed app, objects inside the
    /// model (the items of a list) are read only if their types are registered with
    /// <see cref="TemplateEngine.AddModelType{T}"/>; any other is a <see cref="TemplateException"/> naming its type.
    /// </summary>
    /// <exception cref="TemplateNotFoundException">No such template file.</exception>
    /// <exception cref="TemplateException">The template does not parse or fails while rendering.</exception>
    public Response RenderTemplate<[DynamicallyAccessedMembers(ModelTypes.Members)] T>(string name, T model) =>
        RenderTemplateCore(name, model, typeof(T));

    private Response RenderTemplateCore(string name, object? model, Type? kept)
    {
        var page = Templates.RenderUtf8(name, model, kept, out var contentType);
        return new(page, 200, contentType);
    }

    /// <summary>Streams a template without a model (see <see cref="StreamTemplate{T}(string, T)"/>).</summary>
    /// <exception cref="TemplateNotFoundException">No such template file.</exception>
    /// <exception cref="TemplateException">The template does not parse.</exception>
    public Response StreamTemplate(string name) => StreamTemplateCore(name, null, null);

    /// <summary>
    /// Renders a template while it is sent (Flask's <c>stream_template</c>): the client gets the start of the page while
    /// the rest renders, e.g. while a slow model (a lazy query) is read. Same escaping, layouts, globals and limits as
    /// <see cref="RenderTemplate{T}(string, T)"/>; the output goes out in pieces (4 KB, or what rendered in 20 ms), and a
    /// page that renders quickly is sent whole. The template is loaded and the model read now; the page renders when the
    /// response is sent, after the request's hooks. An error during the render is a plain 500 if nothing was sent
    /// yet (no error handler or debug page runs), else the connection is reset. Safe for trimming (see
    /// <see cref="RenderTemplate{T}(string, T)"/>). See docs/templates.md for what differs from Flask.
    /// </summary>
    /// <param name="name">Path inside the templates folder.</param>
    /// <param name="model">An object whose properties become variables, or a dictionary.</param>
    /// <exception cref="TemplateNotFoundException">No such template file.</exception>
    /// <exception cref="TemplateException">The template does not parse, or (trimmed) the model's type cannot be read.</exception>
    public Response StreamTemplate<[DynamicallyAccessedMembers(ModelTypes.Members)] T>(string name, T model) =>
        StreamTemplateCore(name, model, typeof(T));

    /// <summary>Streams a template with a model of any type (see <see cref="StreamTemplate{T}(string, T)"/>).</summary>
    [RequiresUnreferencedCode(ModelVariables.Warning)]
    public Response StreamTemplate(string name, object? model) => StreamTemplateCore(name, model, null);

    private Response StreamTemplateCore(string name, object? model, Type? kept)
    {
        var body = Templates.StreamBody(name, model, kept, out var contentType);
        var response = new Response { ContentType = contentType, Body = body };
        response.Headers["X-Accel-Buffering"] = "no"; // nginx passes each piece on instead of buffering the page
        return response;
    }
}
