using MicroWeb.Http;

namespace MicroWeb;

public static partial class Web
{
    /// <summary>
    /// Renders a template of the current app (Flask's <c>render_template</c>):
    /// <c>return RenderTemplate("hola.html", new { nombre });</c>. See <see cref="MicroWebApp.RenderTemplate"/>.
    /// </summary>
    public static Response RenderTemplate(string name, object? model = null) => Context.App.RenderTemplate(name, model);
}
