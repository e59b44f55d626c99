using System.Runtime.CompilerServices;
using MicroWeb.Http;

namespace MicroWeb.Hooks;

/// <summary>
/// Flask's request hooks, run in registration order: before-request (may answer instead of the handler),
/// after-request (may change or replace the response), teardown (always runs, sees the unhandled exception if any).
/// </summary>
public sealed class RequestHooks
{
    private readonly List<Func<RequestContext, ValueTask<Response?>>> _before = [];
    private readonly List<Func<RequestContext, Response, ValueTask<Response>>> _after = [];
    private readonly List<Action<RequestContext, Exception?>> _teardown = [];

    // The synchronous overloads win when a lambda fits both (`c => { ...; return null; }` would otherwise be CS0121);
    // an async lambda fits only the Task overloads.

    /// <summary>Runs before the handler; a non-null response is sent instead of calling it.</summary>
    [OverloadResolutionPriority(1)]
    public void BeforeRequest(Func<RequestContext, Response?> hook) => _before.Add(c => ValueTask.FromResult(hook(c)));

    /// <summary>Async form of <see cref="BeforeRequest(Func{RequestContext, Response?})"/>.</summary>
    public void BeforeRequest(Func<RequestContext, Task<Response?>> hook) => _before.Add(c => new ValueTask<Response?>(hook(c)));

    /// <summary>Runs on every response (handled errors included); returns the response to send.</summary>
    [OverloadResolutionPriority(1)]
    public void AfterRequest(Func<RequestContext, Response, Response> hook) => _after.Add((c, r) => ValueTask.FromResult(hook(c, r)));

    /// <summary>Async form of <see cref="AfterRequest(Func{RequestContext, Response, Response})"/>.</summary>
    public void AfterRequest(Func<RequestContext, Response, Task<Response>> hook) => _after.Add((c, r) => new ValueTask<Response>(hook(c, r)));

    /// <summary>Runs last, always, with the unhandled exception or null. Exceptions thrown here are logged and ignored.</summary>
    public void Teardown(Action<RequestContext, Exception?> hook) => _teardown.Add(hook);

    internal bool HasBefore => _before.Count > 0;

    internal bool HasAfter => _after.Count > 0;

    internal async ValueTask<Response?> RunBeforeAsync(RequestContext context)
    {
        foreach (var hook in _before)
            if (await hook(context) is { } response) return response;
        return null;
    }

    internal async ValueTask<Response> RunAfterAsync(RequestContext context, Response response)
    {
        foreach (var hook in _after) response = await hook(context, response);
        return response;
    }

    internal IReadOnlyList<Action<RequestContext, Exception?>> TeardownHooks => _teardown;

    /// <summary>The hooks of a blueprint's request: the app's before-hooks then the blueprint's; the blueprint's after
    /// and teardown hooks then the app's (as Flask).</summary>
    internal static RequestHooks Join(RequestHooks app, RequestHooks blueprint)
    {
        var joined = new RequestHooks();
        joined._before.AddRange([.. app._before, .. blueprint._before]);
        joined._after.AddRange([.. blueprint._after, .. app._after]);
        joined._teardown.AddRange([.. blueprint._teardown, .. app._teardown]);
        return joined;
    }

    /// <summary>Appends every hook of <paramref name="other"/> (a blueprint's app-wide hooks) after these.</summary>
    internal void AddFrom(RequestHooks other)
    {
        _before.AddRange(other._before);
        _after.AddRange(other._after);
        _teardown.AddRange(other._teardown);
    }
}
