using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;
using Scriban.Syntax;
using MicroWeb.Http;

namespace MicroWeb.Templates;

/// <summary>
/// Scriban's context for one render, made safe for HTML: in auto-escaping templates every <c>{{ expression }}</c> is
/// HTML-encoded unless it is <see cref="Markup"/>; literal template text never passes through here. Captures become
/// markup (they hold rendered output, already escaped), includes come from the shared <see cref="TemplateCache"/>,
/// and query strings and headers read like dictionaries (<c>request.query.nombre</c>).
/// Not thread-safe: one render at a time, as Scriban requires; <see cref="Clear"/> readies it for the next.
/// </summary>
internal sealed class TemplateRenderContext : TemplateContext
{
    private readonly TemplateEngine _engine;

    public TemplateRenderContext(TemplateEngine engine, ScriptObject builtins) : base(builtins) => _engine = engine;

    /// <summary>The engine this context renders for.</summary>
    public TemplateEngine Engine => _engine;

    /// <summary>Forgets everything of the last render (variables, output, layout) but keeps the buffers.</summary>
    public void Clear()
    {
        Reset();
        AutoEscape = false;
        CurrentRoot = null;
        Variables = Empty;
        Layout = null;
        RenderVariables.Clear();
    }

    /// <summary>The object that holds a render's variables (model, request, g, ...): one per context, emptied by
    /// <see cref="Clear"/>, so a reused context does not build a new dictionary for every render.</summary>
    public ScriptObject RenderVariables { get; } = new();

    private static readonly ScriptObject Empty = new() { IsReadOnly = true };

    /// <summary>True while an auto-escaping template (by its extension) is being evaluated.</summary>
    public bool AutoEscape { get; private set; }

    /// <summary>The text rendered so far at the top level (Scriban's own output, which <see cref="Clear"/> empties).</summary>
    public StringBuilder OutputText => ((StringBuilderOutput)Output).Builder;

    /// <summary>The template rendered at the top of the current step (the page, then each layout).</summary>
    public string? CurrentRoot { get; set; }

    /// <summary>This render's own variables (the model, request, ...): where top-level assignments and captures land.</summary>
    public ScriptObject Variables { get; set; } = Empty;

    /// <summary>The layout named by <c>extends</c> in the current step, or null.</summary>
    public CompiledTemplate? Layout { get; set; }

    /// <summary>Where a streamed render sends its output (StreamTemplate), or null for a render into a string.</summary>
    public StreamedOutput? Streamed { get; set; }

    /// <summary>
    /// A streamed page called <c>extends</c>: its output is its layout's content, so from here it is captured instead of
    /// sent (with what it wrote before, if none of that has gone out), and the layout streams after it.
    /// </summary>
    public void CaptureForLayout()
    {
        if (Streamed is null || Output != Streamed) return; // not streamed, or captured already
        var unsent = Streamed.TakeUnsent() ?? throw new InvalidOperationException(
            "a streamed template calls extends after part of it was sent: call extends first");
        var capture = new StringBuilderOutput();
        capture.Builder.Append(unsent);
        PushOutput(capture);
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => base.Write(span, Escape(textAsObject));

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => base.WriteAsync(span, Escape(textAsObject));

    private object? Escape(object? value) => !AutoEscape || value is null
        ? value
        : value is Markup markup ? markup.Html : Markup.Encode(ObjectToString(value));

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        // A page is the root of a template (the page itself, a layout, an include): escaping follows its extension.
        if (scriptNode is ScriptPage page)
        {
            var outer = AutoEscape;
            AutoEscape = Escapes(page);
            try
            {
                return base.Evaluate(scriptNode, aliasReturnedFunction);
            }
            finally
            {
                AutoEscape = outer;
            }
        }

        var result = base.Evaluate(scriptNode, aliasReturnedFunction);
        // Captured text is rendered output, escaped already: mark it so writing it again does not escape it twice.
        if (scriptNode is ScriptCaptureStatement capture && GetValue(capture.Target) is { } captured and not Markup)
            SetValue(capture.Target, new Markup(ObjectToString(captured)));
        return result;
    }

    // A context renders the same few pages again and again: remember the answer for the last one (a page that changes
    // on disk in debug mode is a new object, so it is asked about again).
    private ScriptPage? _lastPage;
    private bool _lastPageEscapes;

    private bool Escapes(ScriptPage page)
    {
        if (!ReferenceEquals(page, _lastPage))
        {
            _lastPageEscapes = _engine.Escapes(page.Span.FileName ?? CurrentSourceFile);
            _lastPage = page;
        }
        return _lastPageEscapes;
    }

    protected override Template CreateTemplate(string templatePath, ScriptNode? callerContext) => _engine.Load(templatePath).Template;

    // Scriban builds member accessors by reflection once per type and context; sharing them across renders (they are
    // immutable, and the filter and renamer never change) saves that work on every request.
    protected override IObjectAccessor? GetMemberAccessorImpl(object target) =>
        target is MultiDictionary or RequestHeaders
            ? LookupAccessor.Instance
            : target is AppConfig
            ? ConfigAccessor.Instance
            : _engine.MemberAccessors.TryGetValue(target.GetType(), out var known)
                ? known // no closure on the usual path
                : _engine.MemberAccessors.GetOrAdd(target.GetType(), NewAccessor(target));

    private IObjectAccessor? NewAccessor(object target)
    {
        var accessor = base.GetMemberAccessorImpl(target);
        // An object read by its properties (not a dictionary, list, string or number): in a trimmed app, only a type
        // whose members are kept, else its members would read as missing (a blank page). The error names the type.
        if (accessor is TypedObjectAccessor) _engine.ModelTypes.EnsureReadable(target.GetType());
        return accessor;
    }

    /// <summary>Reads a global variable without failing when it is undefined, even in strict (debug) mode.</summary>
    public object? Lookup(string name)
    {
        var strict = StrictVariables;
        StrictVariables = false;
        try
        {
            return GetValue(ScriptVariable.Create(name, ScriptVariableScope.Global));
        }
        finally
        {
            StrictVariables = strict;
        }
    }
}
