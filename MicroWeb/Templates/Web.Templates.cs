using System.Diagnostics.CodeAnalysis;
using MicroWeb.Http;

namespace MicroWeb;

public static partial class Web
{
    /// <summary>Renders a template of the current app without a model: <c>return RenderTemplate("index.html");</c>. Safe for trimming.</summary>
    public static Response RenderTemplate(string name) => Context.App.RenderTemplate(name);

    /// <summary>
    /// Renders a template of the current app (Flask's <c>render_template</c>):
    /// <c>return RenderTemplate("hola.html", new { nombre });</c>. See <see cref="MicroWebApp.RenderTemplate(string, object?)"/>.
    /// </summary>
    [RequiresUnreferencedCode(Templates.ModelVariables.Warning)]
    public static Response RenderTemplate(string name, object? model = null) => Context.App.RenderTemplate(name, model);

    /// <summary>
    /// Renders a template of the current app with a model, safe for trimming and Native AOT (the trimmer keeps the
    /// properties of <typeparamref name="T"/>): <c>return RenderTemplate("pedidos.html", new { cliente, pedidos });</c>.
    /// See <see cref="MicroWebApp.RenderTemplate{T}(string, T)"/>.
    /// </summary>
    public static Response RenderTemplate<[DynamicallyAccessedMembers(Templates.ModelTypes.Members)] T>(string name, T model) =>
        Context.App.RenderTemplate(name, model);

    /// <summary>Streams a template of the current app without a model (Flask's <c>stream_template</c>). See <see cref="MicroWebApp.StreamTemplate{T}(string, T)"/>.</summary>
    public static Response StreamTemplate(string name) => Context.App.StreamTemplate(name);

    /// <summary>
    /// Streams a template of the current app (Flask's <c>stream_template</c>): the start of the page reaches the client
    /// while the rest renders. <c>return StreamTemplate("informe.html", new { filas });</c>.
    /// See <see cref="MicroWebApp.StreamTemplate{T}(string, T)"/>.
    /// </summary>
    public static Response StreamTemplate<[DynamicallyAccessedMembers(Templates.ModelTypes.Members)] T>(string name, T model) =>
        Context.App.StreamTemplate(name, model);

    /// <summary>Streams a template of the current app with a model of any type. See <see cref="MicroWebApp.StreamTemplate{T}(string, T)"/>.</summary>
    [RequiresUnreferencedCode(Templates.ModelVariables.Warning)]
    public static Response StreamTemplate(string name, object? model) => Context.App.StreamTemplate(name, model);

    /// <summary>
    /// HTML-encodes a value (<c>&amp; &lt; &gt; " '</c>), as MarkupSafe's <c>escape</c> in Flask's quickstart. A returned
    /// string is sent as HTML, so user input in it must be escaped:
    /// <c>app.Get("/hola/&lt;nombre&gt;", (string nombre) =&gt; $"Hello {Escape(nombre)}!");</c>.
    /// The result is <see cref="Markup"/>: escaping it again changes nothing, and a template writes it as is.
    /// Works outside a request too.
    /// </summary>
    public static Markup Escape(object? value) => Markup.Escape(value);
}
