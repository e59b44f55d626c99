using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// Lets templates read the app's settings as Jinja templates read Flask's <c>config</c>: <c>config.DATABASE</c>,
/// <c>config["DATABASE"]</c>, <c>config.debug</c>. A missing name reads as null. The secret key is never visible.
/// Read-only.
/// </summary>
internal sealed class ConfigAccessor : IObjectAccessor
{
    public static readonly ConfigAccessor Instance = new();

    private static object? Get(object target, string name) =>
        IsSecret(name) ? null : ((AppConfig)target)[name];

    private static bool IsSecret(string name) =>
        string.Equals(name.Replace("_", ""), nameof(AppConfig.SecretKey), StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Names(object target) => ((AppConfig)target).Names.Where(n => !IsSecret(n));

    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => Names(target).Count();

    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => Names(target);

    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => Get(target, member) is not null;

    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        value = Get(target, member);
        return true;
    }

    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;

    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value)
    {
        value = index is string name ? Get(target, name) : null;
        return index is string;
    }

    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;

    public bool HasIndexer => true;

    public Type IndexType => typeof(string);
}
