using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace MicroWeb.Templates;

/// <summary>
/// <c>block</c>, used in layouts: writes a block the page filled (<c>{{ block "content" }}</c>), or a default when it
/// did not: plain text (<c>{{ block "title" "Mi sitio" }}</c>) or markup given with wrap
/// (<c>{{ wrap block "sidebar" }}&lt;nav&gt;...&lt;/nav&gt;{{ end }}</c>). Blocks are the page's variables, usually
/// captures; a block that was never filled is not an error, even in debug mode.
/// </summary>
internal sealed class BlockFunction : IScriptCustomFunction
{
    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count is < 1 or > 2 || arguments[0] is not string { Length: > 0 } name)
            throw new ScriptRuntimeException(callerContext?.Span ?? default,
                "block takes the block's name and an optional default: {{ block \"title\" \"Mi sitio\" }}");
        var value = ((TemplateRenderContext)context).Lookup(name);
        if (value is not null) return value;
        if (blockStatement is not null)
        {
            context.Evaluate(blockStatement);
            return null;
        }
        return arguments.Count > 1 ? arguments[1] : null;
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    public int RequiredParameterCount => 1;

    public int ParameterCount => 2;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) =>
        index == 0 ? new ScriptParameterInfo(typeof(string), "name") : new ScriptParameterInfo(typeof(object), "default");
}
