using System.Diagnostics;
using MicroWeb.Dispatch;
using MicroWeb.Handlers;
using MicroWeb.Hooks;
using MicroWeb.Http;
using MicroWeb.Routing;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>
    /// Runs one request through the whole pipeline (routing, binding, handler, result, error handling) and
    /// returns the response. Servers call this; so does the in-memory test client. Never throws for a bad request.
    /// </summary>
    public Task<Response> HandleAsync(Request request) => HandleCoreAsync(request).AsTask();

    // The server's entry: a ValueTask, so a request answered synchronously (most are) allocates no Task.
    internal ValueTask<Response> HandleCoreAsync(Request request) => HandleCoreAsync(request, null, propagate: false);

    // The pipeline, in the order a request meets it:
    //   1. the request's limits and the proxy's headers        (ForwardedHeaders, limits)
    //   2. DispatchAsync: checks, routing, CORS preflight, rate limit, before-hooks, the routing outcome
    //      (308, 405, 404 or automatic OPTIONS, as results), form, view filters, handler, result → Response
    //   3. an exception from 2 → HandleErrorAsync (error handlers, debug page, error pages)
    //   4. FinishAsync: after-hooks, CORS headers, session cookie, conditional/range answers, compression
    //   5. teardown hooks, end of the request, its service scope disposed
    // The test client's entry passes its context (to keep the last request's g and session) and, in testing mode,
    // propagate: an unhandled exception is rethrown to the test, after the teardown hooks, instead of becoming a 500.
    internal async ValueTask<Response> HandleCoreAsync(Request request, RequestContext? given, bool propagate)
    {
        MarkStarted();
        request.MaxFormMemorySize = Config.MaxFormMemorySize;
        request.MaxFormParts = Config.MaxFormParts;
        Proxies.ForwardedHeaders.Apply(request, Config.TrustedProxies);
        var context = given ?? new RequestContext(this, request);
        // Set for this async method and what it awaits; the caller's value comes back by itself when it returns.
        RequestContext.Current = context;
        Exception? unhandled = null;
        try
        {
            Response response;
            try
            {
                response = await DispatchAsync(context);
            }
            catch (Exception error)
            {
                if (error is not HttpException) Activity.Current?.AddException(error); // the request's trace shows what failed
                if (IsUnhandled(context, error))
                {
                    unhandled = error;
                    if (propagate) throw;
                }
                response = await HandleErrorAsync(context, error);
            }
            try
            {
                return await FinishAsync(context, response);
            }
            catch (Exception error)
            {
                if (IsUnhandled(context, error))
                {
                    unhandled ??= error;
                    if (propagate) throw;
                }
                return await HandleErrorAsync(context, error);
            }
        }
        finally
        {
            var hooks = HooksOf(context);
            if (hooks.TeardownHooks.Count > 0) RunTeardownHooks(context, hooks, unhandled);
            request.End();
            await context.DisposeScopeAsync();
        }
    }

    // The hooks of the request: its route's (the app's joined with its blueprint's), or the app's when none matched.
    private RequestHooks HooksOf(RequestContext context) => context.RouteEndpoint?.Hooks ?? Hooks;

    // A ValueTask: a handler that finishes synchronously (most do) costs no Task allocation here.
    private async ValueTask<Response> DispatchAsync(RequestContext context)
    {
        var request = context.Request;
        RequestLimits.Check(request, Config);
        Proxies.HostCheck.Check(request, Config);
        // HttpListener answers a POST or PUT that announces no body (no Content-Length, not chunked) with 411 before
        // the app sees it; the same answer here makes the test client agree with the socket.
        if (request.Method is "POST" or "PUT" && request.Headers["Content-Length"] is null && request.Headers["Transfer-Encoding"] is null)
            throw new HttpException(411, "A POST or PUT request must send Content-Length (0 for no body) or a chunked body.");

        var match = Match(request);
        var endpoint = match.Outcome == MatchOutcome.Found ? _routeEndpoints[match.Route!.Index] : null;
        if (endpoint is not null)
        {
            context.RouteEndpoint = endpoint;
            request.Routed(endpoint.Route.Endpoint, endpoint.Route.Rule,
                match.Values.Length == 0 ? null : new RouteValues(endpoint.Route, match.Values));
        }
        // A CORS preflight is answered before the hooks, as ASP.NET Core's middleware: it carries no credentials.
        if (_cors is not null && endpoint is not null && IsAutomaticOptions(request, endpoint)
            && MicroWeb.Cors.CorsPolicies.Preflight(request, endpoint.Cors, () => endpoint.AllowedMethods) is { } preflight)
            return preflight;
        // Before the hooks: a client over its limit costs as little as possible.
        if (_rateLimits?.Check(request, endpoint is not null, endpoint?.RateLimit) is { } tooMany) return await HandleErrorAsync(context, tooMany);

        var hooks = HooksOf(context);
        if (hooks.HasBefore && await hooks.RunBeforeAsync(context) is { } early) return early;

        switch (match.Outcome)
        {
            case MatchOutcome.RedirectToSlash:
                return Responses.Redirect(request.PathBase + request.RawPath + "/" + QuerySuffix(request), 308);
            case MatchOutcome.Redirect:
                return Responses.Redirect(request.PathBase + match.Location + QuerySuffix(request), 308);
            case MatchOutcome.MethodNotAllowed:
                var notAllowed = new HttpException(405);
                notAllowed.Headers["Allow"] = string.Join(", ", match.AllowedMethods);
                return await HandleErrorAsync(context, notAllowed);
            case MatchOutcome.NotFound:
                return await HandleErrorAsync(context, new HttpException(404));
        }

        var route = endpoint!.Route;
        RequestLimits.CheckBodySize(request, route.MaxContentLength ?? Config.MaxContentLength);
        if (IsAutomaticOptions(request, endpoint))
        {
            var options = Response.Empty(200);
            options.Headers["Allow"] = endpoint.Allow;
            return options;
        }
        // A form posted to a route is parsed before the handler, so request.form reads it from synchronous code,
        // view filters and templates, as in Flask.
        if (request.Method is not ("GET" or "HEAD") && request.HasFormBody) await request.ReadFormAsync(request.Aborted);
        foreach (var filter in endpoint.Filters)
            if (await filter.BeforeAsync(context) is { } filtered) return filtered;
        if (route.IsWebSocket) return await ServeWebSocketAsync(context, endpoint, match.Values);
        var result = await endpoint.Binding.InvokeAsync(context, match.Values);
        return ResultConverter.ToResponse(result, this);
    }

    private RouteMatch Match(Request request)
    {
        var domain = _routes.HasDomainRules ? RequestDomain.Of(request.Host, request.Scheme, Config.ServerName, _routes.HostMatching) : "";
        return _routes.Match(request.Method, request.Path, domain);
    }

    // OPTIONS to a route that does not declare it: answered by MicroWeb (Allow, or a CORS preflight), as Werkzeug.
    private static bool IsAutomaticOptions(Request request, RouteEndpoint endpoint) =>
        request.Method == "OPTIONS" && !endpoint.Route.DeclaredMethods.Contains("OPTIONS");

    private static string QuerySuffix(Request request) => request.QueryString.Length > 0 ? "?" + request.QueryString : "";

    // What every response goes through, errors included, before it is written.
    private async ValueTask<Response> FinishAsync(RequestContext context, Response response)
    {
        var hooks = HooksOf(context);
        if (hooks.HasAfter) response = await hooks.RunAfterAsync(context, response);
        _cors?.Apply(context.Request, response, context.Route, context.RouteEndpoint?.Cors);
        SaveSession(context, response);
        await response.PrepareAsync(context.Request);
        _compression?.Apply(context.Request, response);
        return response;
    }

    // Sends the session cookie again when the request changed the session.
    internal void SaveSession(RequestContext context, Response response)
    {
        if (context.LoadedSession is { } session)
            Sessions.SessionCookie.Save(session, response, Config, context.Request.Cookies.ContainsKey(Config.Session.CookieName), Clock.GetUtcNow());
    }
}
