using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// Lets templates read the app's settings as Jinja templates read Flask's <c>config</c>: <c>config.DATABASE</c>,
/// <c>config["DATABASE"]</c>, <c>config.debug</c>. A name that is not set is missing, as any member: blank in
/// production, an error in debug mode. The secret key and its fallbacks are never visible (they read as missing). Read-only.
/// </summary>
internal sealed class ConfigAccessor : IObjectAccessor
{
    public static readonly ConfigAccessor Instance = new();

    private static bool TryGet(object target, string name, out object? value)
    {
        value = null;
        return !IsSecret(name) && ((AppConfig)target).TryGet(name, out value);
    }

    // The key and its fallbacks (old keys still verify sessions, so they are as secret as the key).
    private static bool IsSecret(string name) =>
        Routing.Names.Same(name, nameof(AppConfig.SecretKey))
        || Routing.Names.Same(name, nameof(AppConfig.SecretKeyFallbacks));

    private static IEnumerable<string> Names(object target) => ((AppConfig)target).Names.Where(n => !IsSecret(n));


    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => Names(target).Count();

    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => Names(target);

    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => TryGet(target, member, out _);

    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value) =>
        TryGet(target, member, out value);

    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;

    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value)
    {
        value = null;
        return index is string name && TryGet(target, name, out value);
    }

    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;

    public bool HasIndexer => true;

    public Type IndexType => typeof(string);
}
