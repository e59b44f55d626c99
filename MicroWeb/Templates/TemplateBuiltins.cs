using System.Diagnostics.CodeAnalysis;
using Scriban;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// The functions every template sees: Scriban's builtins (<c>string</c>, <c>array</c>, <c>date</c>, ...) adjusted for
/// auto-escaping, plus MicroWeb's: <c>url_for</c>, <c>safe</c>/<c>raw</c>, <c>escape</c>, <c>extends</c>, <c>block</c>.
/// Built once per engine and frozen, so renders share it safely and no template can change it for another.
/// </summary>
internal static class TemplateBuiltins
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Scriban reads the delegate's own method (kept for every delegate target) to call it; the parameters are strings, booleans, objects and Scriban's own types.")]
    public static ScriptObject Create(TemplateEngine engine, MicroWebApp app)
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();

        // Rendered partials are markup; escaping helpers return markup, so escaping twice cannot happen.
        Replace(builtins, "include", new MarkupResultFunction((IScriptCustomFunction)builtins["include"]!));
        Replace(builtins, "include_join", new MarkupResultFunction((IScriptCustomFunction)builtins["include_join"]!));
        var html = (ScriptObject)builtins["html"]!;
        html.Remove("escape");
        html.Import("escape", new Func<object?, Markup>(Markup.Escape));
        builtins.Import("escape", new Func<object?, Markup>(Markup.Escape));

        // Raw HTML only on purpose: {{ contenido | safe }} (Jinja's name) or {{ raw contenido }}.
        var safe = new Func<TemplateContext, object?, Markup?>(Safe);
        builtins.Import("safe", safe);
        builtins.Import("raw", safe);

        // object.eval and object.eval_template compile and run a string as a template: with user data in that string,
        // that is template injection. Jinja has nothing like them; they are not offered.
        var objects = (ScriptObject)builtins["object"]!;
        objects.Remove("eval");
        objects.Remove("eval_template");

        // Flask's get_flashed_messages: {{ for m in get_flashed_messages }}, or with_categories: true for m.category.
        builtins.Import("get_flashed_messages", (bool with_categories = false, ScriptArray? category_filter = null) => FlashedMessages(with_categories, category_filter));
        builtins.Import("url_for", (string endpoint, object? values = null, bool external = false) => UrlFor(app, endpoint, values, external));
        builtins.Import("extends", new Action<TemplateContext, string>((context, name) => Extends(engine, context, name)));
        builtins["block"] = new BlockFunction();
        JinjaBuiltins.AddTo(builtins);

        Freeze(builtins);
        return builtins;
    }

    private static Markup? Safe(TemplateContext context, object? value) => value switch
    {
        null => null,
        Markup markup => markup,
        _ => new Markup(context.ObjectToString(value)),
    };

    private static object FlashedMessages(bool withCategories, ScriptArray? categories)
    {
        if (RequestContext.Current is not { } context) return Array.Empty<string>();
        var flashes = Flashing.FlashMessages.Take(context, categories?.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray());
        return withCategories ? flashes : flashes.Select(f => f.Message).ToArray();
    }

    // Same rules as app.UrlFor in code: endpoint names ignore case, values not in the rule go to the query string.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A template's values are a script object (a dictionary); any other object in a template came from a model, whose RenderTemplate overload carries the warning.")]
    private static string UrlFor(MicroWebApp app, string endpoint, object? values, bool external) =>
        app.ExternalUrl(endpoint, Routing.PropertyValues.FromObject(values), external);

    private static void Extends(TemplateEngine engine, TemplateContext context, string name)
    {
        var render = (TemplateRenderContext)context;
        if (render.CurrentSourceFile != render.CurrentRoot)
            throw new InvalidOperationException("extends works in the page (or layout) being rendered, not in an included template.");
        // Loading now reports a missing or broken layout at the extends line.
        render.Layout = engine.Load(name);
        render.CaptureForLayout();
    }

    // Scriban's builtins are read-only members: setting one is silently ignored, so remove it first.
    private static void Replace(ScriptObject builtins, string name, object value)
    {
        builtins.Remove(name);
        builtins[name] = value;
    }

    private static void Freeze(ScriptObject builtins)
    {
        foreach (var value in builtins.Values)
            if (value is ScriptObject child) child.IsReadOnly = true;
        builtins.IsReadOnly = true;
    }
}
