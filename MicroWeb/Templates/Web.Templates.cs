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
    /// HTML-encodes a value (<c>&amp; &lt; &gt; " '</c>), as MarkupSafe's <c>escape</c> in Flask's quickstart. A returned
    /// string is sent as HTML, so user input in it must be escaped:
    /// <c>app.Get("/hola/&lt;nombre&gt;", (string nombre) =&gt; $"Hello {Escape(nombre)}!");</c>.
    /// The result is <see cref="Markup"/>: escaping it again changes nothing, and a template writes it as is.
    /// Works outside a request too.
    /// </summary>
    public static Markup Escape(object? value) => Markup.Escape(value);
}
