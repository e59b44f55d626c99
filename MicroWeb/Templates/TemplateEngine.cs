using MicroWeb.Configuration;
using System.Diagnostics.CodeAnalysis;
using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using MicroWeb.Http;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace MicroWeb.Templates;

/// <summary>
/// Renders Scriban templates from the app's templates folder (<see cref="AppConfig.TemplatesFolder"/>), Flask's
/// <c>render_template</c>: HTML auto-escaping by extension, layouts (<c>extends</c>/<c>block</c>), <c>url_for</c>,
/// <c>request</c>, <c>config</c> and app globals inside templates, a shared cache of parsed templates (reloaded on change
/// in debug mode), and errors that name the template, line and column. Thread-safe; reached through
/// <see cref="MicroWebApp.Templates"/>.
/// </summary>
public sealed class TemplateEngine
{
    private readonly MicroWebApp _app;
    private readonly TemplateCache _cache = new();
    private readonly ScriptObject _builtins;
    private readonly TemplateFileLoader _loader;
    private readonly object _globalsGate = new();
    private ScriptObject _globals; // the app's own globals, frozen: replaced (copy on write) when one is added
    private GlobalScopes _scopes;

    internal TemplateEngine(MicroWebApp app)
    {
        _app = app;
        _builtins = TemplateBuiltins.Create(this, app);
        _loader = new TemplateFileLoader(this);
        _globals = Frozen(new ScriptObject());
        _scopes = ScopesOf(_globals);
        _folder = new ConfiguredFolder(app.Config, config => config.TemplatesFolder);
    }

    /// <summary>The templates folder: <see cref="AppConfig.TemplatesFolder"/> resolved against the content root.</summary>
    public string Folder => _folder.Path;

    private readonly ConfiguredFolder _folder;

    /// <summary>
    /// Extensions of templates whose <c>{{ expressions }}</c> are HTML-encoded: .html, .htm, .xml, .xhtml and .svg by
    /// default, as Flask's (an SVG is a document a browser runs scripts in).
    /// Compared ignoring case. Change it before the app starts.
    /// </summary>
    public ISet<string> AutoEscapeExtensions => _autoEscape;

    private readonly HashSet<string> _autoEscape = new(StringComparer.OrdinalIgnoreCase) { ".html", ".htm", ".xml", ".xhtml", ".svg" };

    /// <summary>
    /// Most loop iterations in one loop and everything nested in it (Scriban counts them together): 1,000,000 by default,
    /// against Scriban's 1,000 that a page listing 1,000 products would hit. It still stops a runaway <c>while</c>.
    /// </summary>
    public int LoopLimit { get; set; } = 1_000_000;

    /// <summary>
    /// Largest output of one render, in characters (16 Mi by default; Scriban's default is 1 Mi, silently truncated).
    /// Going over it is an error rather than a cut-off page. Also bounds any single value converted to text.
    /// </summary>
    public int OutputLimit { get; set; } = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of function calls and includes (Scriban's default, 100).</summary>
    public int RecursiveLimit { get; set; } = 100;

    /// <summary>
    /// Adds a value every template sees (Flask's <c>add_template_global</c>), e.g. <c>AddGlobal("sitio", "Mi tienda")</c>.
    /// Objects are read with the same naming rule as models (<c>Nombre</c> → <c>nombre</c>).
    /// </summary>
    public TemplateEngine AddGlobal(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        UpdateGlobals(globals => globals[name] = value);
        return this;
    }

    /// <summary>
    /// Adds a function every template can call or use as a filter (Flask's template globals and filters):
    /// <c>AddFunction("precio", (decimal p) =&gt; p.ToString("C"))</c> then <c>{{ precio producto.precio }}</c> or
    /// <c>{{ producto.precio | precio }}</c>. Return <see cref="Markup"/> to output HTML as it is.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Scriban reads the delegate's own method, which is kept for every delegate target, and converts template values to its parameters.")]
    public TemplateEngine AddFunction(string name, Delegate function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        UpdateGlobals(globals => globals.Import(name, function));
        return this;
    }

    /// <summary>Forgets every parsed template; the next render reads the files again.</summary>
    public void ClearCache() => _cache.Clear();

    /// <summary>Renders <paramref name="name"/> (a path inside the templates folder) without a model. Safe for trimming.</summary>
    /// <exception cref="TemplateNotFoundException">The template file does not exist.</exception>
    /// <exception cref="TemplateException">The template (or one it includes or extends) does not parse or fails while rendering.</exception>
    public string Render(string name) => RenderString(name, null, null);

    /// <summary>
    /// Renders <paramref name="name"/> (a path inside the templates folder) with a model: an object whose properties become
    /// variables (<c>new { nombre = "Daniel" }</c>, C# names in snake_case: <c>PrecioUnitario</c> → <c>precio_unitario</c>),
    /// or a dictionary whose keys are used as they are.
    /// </summary>
    /// <exception cref="TemplateNotFoundException">The template file does not exist.</exception>
    /// <exception cref="TemplateException">The template (or one it includes or extends) does not parse or fails while rendering.</exception>
    [RequiresUnreferencedCode(ModelVariables.Warning)]
    public string Render(string name, object? model = null) => RenderString(name, model, null);

    /// <summary>
    /// Renders <paramref name="name"/> with a model as <see cref="Render(string, object?)"/> does, safe for trimming and
    /// Native AOT: the trimmer keeps the public properties and fields of <typeparamref name="T"/> (an anonymous type too).
    /// Objects inside the model (the items of a list) are read only if their types are registered with
    /// <see cref="AddModelType{T}"/> when the app is trimmed; see docs/templates.md.
    /// </summary>
    /// <exception cref="TemplateNotFoundException">The template file does not exist.</exception>
    /// <exception cref="TemplateException">The template does not parse or fails while rendering, or (trimmed) reads an unregistered type.</exception>
    public string Render<[DynamicallyAccessedMembers(ModelTypes.Members)] T>(string name, T model) => RenderString(name, model, typeof(T));

    /// <summary>
    /// Lets templates read objects of type <typeparamref name="T"/> (and keeps its public properties and fields when the
    /// app is trimmed): needed in trimmed and Native AOT apps for every type of object reached through a model or a
    /// global (<c>{{ for p in pedidos }}{{ p.total }}</c> reads <c>Pedido</c>), other than the model itself. Untrimmed
    /// apps read any type and need no registration. Reading an unregistered type in a trimmed app is a
    /// <see cref="TemplateException"/> naming it. Call it at startup: <c>app.Templates.AddModelType&lt;Pedido&gt;();</c>.
    /// </summary>
    public TemplateEngine AddModelType<[DynamicallyAccessedMembers(ModelTypes.Members)] T>()
    {
        ModelTypes.Add(typeof(T));
        return this;
    }

    /// <summary>The types templates may read in a trimmed app (see <see cref="AddModelType{T}"/>).</summary>
    internal ModelTypes ModelTypes { get; } = new();

    private string RenderString(string name, object? model, Type? kept)
    {
        var context = RenderPage(name, model, kept, out _);
        var page = context.OutputText.ToString();
        ReturnContext(context);
        return page;
    }

    /// <summary>Renders as <see cref="Render(string, object?)"/> does, straight into UTF-8 (no string of the page is
    /// made), and gives the page's <see cref="ContentTypeFor"/> (worked out once per parsed template).
    /// <paramref name="kept"/> is the model's static type when its members are kept (a DynamicallyAccessedMembers
    /// type parameter), else null.</summary>
    internal byte[] RenderUtf8(string name, object? model, Type? kept, out string contentType)
    {
        var context = RenderPage(name, model, kept, out contentType);
        var page = Utf8.Encode(context.OutputText);
        ReturnContext(context);
        return page;
    }

    // Renders the page and its layouts; the result is left in the context's output.
    private TemplateRenderContext RenderPage(string name, object? model, Type? kept, out string contentType)
    {
        ArgumentNullException.ThrowIfNull(name);
        var context = RentContext(name, model, kept);
        var template = Load(name);
        contentType = template.ContentType ??= ContentTypeFor(template.Name);
        RenderSteps(context, template);
        return context;
    }

    /// <summary>
    /// A body that renders <paramref name="name"/> while it is sent (see <see cref="TemplateStreamBody"/>). The template
    /// is loaded and the model read now, so those errors are the handler's, as for a rendered template.
    /// </summary>
    internal TemplateStreamBody StreamBody(string name, object? model, Type? kept, out string contentType)
    {
        ArgumentNullException.ThrowIfNull(name);
        var template = Load(name);
        contentType = template.ContentType ??= ContentTypeFor(template.Name);
        var context = NewContext(); // not a thread's spare: it is used on the render's thread, and not given back
        Prepare(context, name, model, kept);
        return new TemplateStreamBody(this, context, template, RequestContext.Current);
    }

    // On the render's own thread: the request's context is the handler's (url_for, get_flashed_messages).
    internal void RenderStreamed(TemplateRenderContext context, CompiledTemplate template, RequestContext? request, StreamedOutput output)
    {
        RequestContext.Current = request;
        context.PushOutput(output);
        context.Streamed = output;
        RenderSteps(context, template);
    }

    private void RenderSteps(TemplateRenderContext context, CompiledTemplate template)
    {
        RenderStep(context, template);
        List<string>? chain = null; // the templates rendered so far, once there is a layout
        while (context.Layout is { } layout)
        {
            context.Layout = null;
            chain ??= [template.Name];
            if (chain.Contains(layout.Name))
                throw new TemplateException(layout.Name, $"layout cycle: {string.Join(" -> ", chain)} -> {layout.Name}");
            chain.Add(layout.Name);
            RenderStep(context, layout);
        }
    }

    /// <summary>The Content-Type of a rendered template, from its extension: the type a static file of that name gets
    /// (HTML for .html and .htm); an unknown extension is HTML when it auto-escapes, else plain text.</summary>
    public string ContentTypeFor(string name) => StaticFiles.ContentTypes.TryGet(name, out var type)
        ? type
        : Escapes(name) ? Response.HtmlType : "text/plain; charset=utf-8";

    internal TemplateCache Cache => _cache;

    /// <summary>Scriban's member accessors by type, shared by every render (see <see cref="TemplateRenderContext"/>).</summary>
    internal ConcurrentDictionary<Type, IObjectAccessor?> MemberAccessors { get; } = new();

    // Looked up by the extension's characters: every render asks, and a substring per render is garbage.
    internal bool Escapes(string? name) =>
        name is not null && _autoEscape.GetAlternateLookup<ReadOnlySpan<char>>().Contains(Path.GetExtension(name.AsSpan()));

    /// <summary>The parsed template of a name, from the cache (checked for changes in debug mode).</summary>
    internal CompiledTemplate Load(string name) => _cache.Get(Folder, name, checkForChanges: _app.Config.Debug);

    private void RenderStep(TemplateRenderContext context, CompiledTemplate template)
    {
        var contentBefore = context.Variables["content"];
        context.CurrentRoot = template.Name;
        try
        {
            RenderInto(context, template.Template);
        }
        catch (ScriptRuntimeException error)
        {
            throw Translate(error);
        }
        if (context.Layout is null) return;
        // The page's output is its layout's `content`, unless the page assigned `content` itself; the layout's output
        // replaces it either way.
        var output = context.OutputText;
        if (ReferenceEquals(context.Variables["content"], contentBefore)) context.Variables["content"] = new Markup(output.ToString());
        output.Clear();
        if (context.Streamed is not null) context.PopOutput(); // the page was captured (see extends): the layout streams
    }

    // Scriban's Template.Render, less its last step (the output made into a string): the caller takes the output in
    // the form it needs, UTF-8 for a response.
    private static void RenderInto(TemplateContext context, Template template)
    {
        var page = template.Page!; // only templates that parsed without errors are cached
        if (template.SourceFilePath is { } file) context.PushSourceFile(file);
        try
        {
            var result = context.Evaluate(page);
            if (result is not null && context.EnableOutput) context.Write(page.Span, result);
        }
        finally
        {
            if (template.SourceFilePath is not null) context.PopSourceFile();
        }
    }

    // A Scriban context costs more to build than rendering a small page (bench/README.md): each thread keeps the
    // last one it used and resets it for the next render. A render that fails, a render inside a
    // render, or a very large page gets a context of its own that is not kept.
    [ThreadStatic] private static TemplateRenderContext? t_spare;
    private const int LargestKeptOutput = 256 * 1024;

    private TemplateRenderContext RentContext(string name, object? model, Type? kept)
    {
        var context = t_spare is { } spare && spare.Engine == this ? spare : NewContext();
        t_spare = null;
        Prepare(context, name, model, kept);
        return context;
    }

    private TemplateRenderContext NewContext() => new(this, _builtins)
    {
        OnOutputLimit = ScriptLimitBehavior.Throw,
        OnStringLimit = ScriptLimitBehavior.Throw,
        TemplateLoader = _loader,
        MemberFilter = HideSecrets,
    };

    // Sets a context's limits, modes and variables (the request's, the model's) for one render.
    private void Prepare(TemplateRenderContext context, string name, object? model, Type? kept)
    {
        var debug = _app.Config.Debug;
        // Debug: a misspelt variable or member is an error, not a silent blank. Production stays lenient.
        context.StrictVariables = debug;
        context.EnableRelaxedMemberAccess = !debug;
        // A member of null (`{{ g.user.id }}` with nobody logged in) is blank in production, as Jinja's Undefined.
        context.EnableRelaxedTargetAccess = !debug;
        // Scriban indents every line of a multi-line value by the whitespace before its tag: a textarea would gain
        // spaces on every save. Output is the value, escaped, wherever the tag stands.
        context.AutoIndent = false;
        context.LoopLimit = LoopLimit;
        context.OutputLimit = OutputLimit;
        context.LimitToString = OutputLimit;
        context.RecursiveLimit = RecursiveLimit;
        var scopes = Volatile.Read(ref _scopes);
        context.PushGlobal(debug ? scopes.Debug : scopes.Production);

        var variables = context.RenderVariables; // emptied when the context was returned
        var current = RequestContext.Current;
        variables["request"] = current?.Request;
        variables["g"] = current?.ItemsForTemplates;
        switch (model)
        {
            case null:
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                    variables[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (key, value) in pairs) variables[key] = value;
                break;
            default:
                ImportModel(variables, name, model, kept, context.MemberFilter);
                break;
        }
        context.PushGlobal(variables);
        context.Variables = variables;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Checked first: the model's type is its static type in RenderTemplate<T> (kept by DynamicallyAccessedMembers), or registered with AddModelType<T> (kept likewise), or the app is not trimmed.")]
    private void ImportModel(ScriptObject variables, string name, object model, Type? kept, MemberFilterDelegate? filter)
    {
        try
        {
            ModelTypes.EnsureReadable(model.GetType(), kept);
        }
        catch (NotSupportedException error)
        {
            throw new TemplateException(name, $"the model: {error.Message}", innerException: error);
        }
        ModelVariables.Import(variables, model, filter);
    }

    // What every render in a mode sees below its own variables: the app's globals, then `config` and `debug` (which
    // win over a global of the same name). One frozen object per mode, built when the globals change, not per
    // render: one scope to push, and one fewer for Scriban to search before it reaches the builtins.
    private sealed record GlobalScopes(ScriptObject Production, ScriptObject Debug);

    private GlobalScopes ScopesOf(ScriptObject globals)
    {
        ScriptObject Scope(bool debug)
        {
            var scope = new ScriptObject();
            foreach (var (key, value) in globals) scope[key] = value;
            scope["config"] = _app.Config;
            scope["debug"] = debug;
            return Frozen(scope);
        }
        return new GlobalScopes(Scope(debug: false), Scope(debug: true));
    }

    private static void ReturnContext(TemplateRenderContext context)
    {
        if (context.OutputText.Length > LargestKeptOutput) return; // its buffers would stay that large
        context.Clear();
        t_spare = context;
    }

    // Templates never need the secret key, and a page that dumps `config` must not show it.
    private static readonly MemberFilterDelegate HideSecrets =
        member => member.DeclaringType != typeof(AppConfig) || member.Name is not (nameof(AppConfig.SecretKey) or nameof(AppConfig.SecretKeyFallbacks));

    private Exception Translate(ScriptRuntimeException error)
    {
        // Property getters called through reflection wrap their exceptions: look at the real cause.
        var cause = error.InnerException;
        while (cause is TargetInvocationException { InnerException: { } inner }) cause = inner;
        switch (cause)
        {
            // abort(403) from a helper or a 400 from request.query keeps its status; an error located in another
            // template (a partial that does not parse) is already complete.
            case HttpException http:
                ExceptionDispatchInfo.Capture(http).Throw();
                break;
            case TemplateException { Line: > 0 } located:
                return located;
        }
        var span = error.Span;
        var name = span.FileName ?? "(unknown template)";
        var line = span.Start.Line + 1;
        var column = span.Start.Column + 1;
        var reason = cause is TemplateException || error.InnerException is TargetInvocationException ? cause!.Message : error.OriginalMessage;
        var source = SourceOf(name);
        return new TemplateException(name, reason, line, column, source is null ? null : SourceExcerpt.Build(source, line, column), cause ?? error);
    }

    private string? SourceOf(string name) => _cache.SourceOf(Folder, name);

    private void UpdateGlobals(Action<ScriptObject> change)
    {
        // Copy on write: renders in flight keep reading the previous, frozen object.
        lock (_globalsGate)
        {
            var next = new ScriptObject();
            foreach (var (key, value) in _globals) next[key] = value;
            change(next);
            _globals = Frozen(next);
            Volatile.Write(ref _scopes, ScopesOf(_globals));
        }
    }

    private static ScriptObject Frozen(ScriptObject globals)
    {
        globals.IsReadOnly = true;
        return globals;
    }
}
