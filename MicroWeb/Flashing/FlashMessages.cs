namespace MicroWeb.Flashing;

/// <summary>
/// Flask's message flashing: a message stored in the session by one request and shown by the next page rendered
/// (usually after a redirect), then gone. Kept in the session under <c>_flashes</c> as <c>[category, message]</c> pairs;
/// the first read in a request takes them out of the session, and every later read in that request sees the same list.
/// </summary>
internal static class FlashMessages
{
    private const string SessionKey = "_flashes";

    public static void Add(RequestContext context, string message, string category)
    {
        var flashes = context.Session.Get<List<string[]>>(SessionKey) ?? [];
        flashes.Add([category, message]);
        context.Session.Set(SessionKey, flashes);
    }

    public static IReadOnlyList<FlashMessage> Take(RequestContext context, IReadOnlyCollection<string>? categories)
    {
        var all = context.Flashes ??= Pop(context);
        return categories is null || categories.Count == 0 ? all : all.Where(f => categories.Contains(f.Category)).ToArray();
    }

    private static IReadOnlyList<FlashMessage> Pop(RequestContext context)
    {
        // An app without a secret key has no session, so nothing was flashed: pages that show flashes still render.
        if (string.IsNullOrEmpty(context.App.Config.SecretKey) || !context.Session.ContainsKey(SessionKey)) return [];
        var stored = context.Session.Get<List<string[]>>(SessionKey) ?? [];
        context.Session.Remove(SessionKey);
        return stored.Where(p => p.Length == 2).Select(p => new FlashMessage(p[0], p[1])).ToArray();
    }
}
