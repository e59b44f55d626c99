using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace MicroWeb.Templates;

/// <summary>
/// Wraps a function that returns rendered template output (Scriban's <c>include</c>, <c>include_join</c>) so that its
/// result is <see cref="Markup"/>: an included partial has escaped its own values and must not be escaped twice.
/// </summary>
internal sealed class MarkupResultFunction(IScriptCustomFunction inner) : IScriptCustomFunction
{
    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        AsMarkup(inner.Invoke(context, callerContext, arguments, blockStatement));

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        AsMarkup(await inner.InvokeAsync(context, callerContext, arguments, blockStatement));

    public int RequiredParameterCount => inner.RequiredParameterCount;

    public int ParameterCount => inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => inner.VarParamKind;

    public Type ReturnType => typeof(Markup);

    public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

    private static object? AsMarkup(object? result) => result switch
    {
        null => null,
        Markup markup => markup,
        _ => new Markup(result.ToString()),
    };
}
