using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// Scriban's loader for <c>include</c>: names are checked to stay inside the templates folder and the text comes from
/// the engine's shared cache, which checks names (the render context takes parsed templates from the same cache).
/// </summary>
internal sealed class TemplateFileLoader(TemplateEngine engine) : ITemplateLoader
{
    // The name is the key: the cache checks it (and turns it into a path) when the template is first loaded.
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => engine.Load(templatePath).Source;

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
