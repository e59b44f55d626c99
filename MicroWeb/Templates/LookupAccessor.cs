using MicroWeb.Http;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// Lets templates read query arguments and headers by name: <c>request.query.nombre</c>,
/// <c>request.headers["User-Agent"]</c>. A missing name reads as null (never an error, even in debug mode),
/// as Flask's <c>request.args.get</c>. Read-only.
/// </summary>
internal sealed class LookupAccessor : IObjectAccessor
{
    public static readonly LookupAccessor Instance = new();

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

    private static string? Get(object target, string name) => target switch
    {
        MultiDictionary query => query[name],
        RequestHeaders headers => headers[name],
        _ => null,
    };

    private static IEnumerable<string> Names(object target) => target switch
    {
        MultiDictionary query => query.Keys,
        RequestHeaders headers => headers.Select(h => h.Key),
        _ => [],
    };
}
