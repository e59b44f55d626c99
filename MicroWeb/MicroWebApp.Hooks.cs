using System.Runtime.CompilerServices;
using MicroWeb.Hooks;
using MicroWeb.Http;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    private readonly Dictionary<string, RequestHooks> _blueprintHooks = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>App-wide request hooks (<c>app.Hooks.BeforeRequest(...)</c>); blueprints have their own.</summary>
    public RequestHooks Hooks { get; } = new();

    /// <summary>Runs before every handler; return a response to answer instead (Flask's <c>before_request</c>).</summary>
    [OverloadResolutionPriority(1)]
    public MicroWebApp BeforeRequest(Func<RequestContext, Response?> hook) { Hooks.BeforeRequest(hook); return this; }

    /// <summary>Async form of <see cref="BeforeRequest(Func{RequestContext, Response?})"/>.</summary>
    public MicroWebApp BeforeRequest(Func<RequestContext, Task<Response?>> hook) { Hooks.BeforeRequest(hook); return this; }

    /// <summary>Runs on every response and returns the one to send (Flask's <c>after_request</c>).</summary>
    [OverloadResolutionPriority(1)]
    public MicroWebApp AfterRequest(Func<RequestContext, Response, Response> hook) { Hooks.AfterRequest(hook); return this; }

    /// <summary>Async form of <see cref="AfterRequest(Func{RequestContext, Response, Response})"/>.</summary>
    public MicroWebApp AfterRequest(Func<RequestContext, Response, Task<Response>> hook) { Hooks.AfterRequest(hook); return this; }

    /// <summary>Runs last for every request, with the unhandled exception if any (Flask's <c>teardown_request</c>).</summary>
    public MicroWebApp Teardown(Action<RequestContext, Exception?> hook) { Hooks.Teardown(hook); return this; }

    private RequestHooks? BlueprintHooks(RequestContext context) =>
        context.Blueprint is { } name && _blueprintHooks.TryGetValue(name, out var hooks) ? hooks : null;

    // Without hooks (the usual case) the two runners below cost a check, not an async state machine.
    private ValueTask<Response?> RunBeforeHooksAsync(RequestContext context) =>
        Hooks.HasBefore || BlueprintHooks(context) is not null ? RunAllBeforeHooksAsync(context) : default;

    private ValueTask<Response> RunAfterHooksAsync(RequestContext context, Response response) =>
        Hooks.HasAfter || BlueprintHooks(context) is not null ? RunAllAfterHooksAsync(context, response) : new(response);

    private async ValueTask<Response?> RunAllBeforeHooksAsync(RequestContext context) =>
        await Hooks.RunBeforeAsync(context) ?? (BlueprintHooks(context) is { } bp ? await bp.RunBeforeAsync(context) : null);

    private async ValueTask<Response> RunAllAfterHooksAsync(RequestContext context, Response response)
    {
        if (BlueprintHooks(context) is { } bp) response = await bp.RunAfterAsync(context, response);
        return await Hooks.RunAfterAsync(context, response);
    }

    private void RunTeardownHooks(RequestContext context, Exception? error)
    {
        var blueprint = BlueprintHooks(context);
        if (blueprint is null && Hooks.TeardownHooks.Count == 0) return; // the usual case: nothing to run, nothing to allocate
        var hooks = blueprint is null ? Hooks.TeardownHooks : blueprint.TeardownHooks.Concat(Hooks.TeardownHooks);
        foreach (var hook in hooks)
        {
            try { hook(context, error); }
            catch (Exception e) { Logger.LogError(e, "Teardown hook failed (request id {RequestId})", context.RequestId); }
        }
    }
}
