using System.Diagnostics;
using MicroWeb.Handlers;
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

    // The test client's entry: it keeps the context (the last request's g and session), and in testing mode an
    // unhandled exception is rethrown to the test, after the teardown hooks, instead of becoming a 500.
    internal async ValueTask<Response> HandleCoreAsync(Request request, RequestContext? given, bool propagate)
    {
        MarkStarted();
        Proxies.ForwardedHeaders.Apply(request, Config.TrustedProxies);
        request.MaxFormMemorySize = Config.MaxFormMemorySize;
        request.MaxFormParts = Config.MaxFormParts;
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
                response = await RunAfterHooksAsync(context, response);
                _cors?.Apply(request, response);
                SaveSession(context, response);
                await response.PrepareAsync(request);
                _compression?.Apply(request, response);
            }
            catch (Exception error)
            {
                if (IsUnhandled(context, error))
                {
                    unhandled ??= error;
                    if (propagate) throw;
                }
                response = await HandleErrorAsync(context, error);
            }
            return response;
        }
        finally
        {
            RunTeardownHooks(context, unhandled);
            request.End();
            await context.DisposeScopeAsync();
        }
    }

    // A route's view filters in order; the first response stops the request.
    private static async ValueTask<Response?> RunFiltersAsync(ViewFilterAttribute[] filters, RequestContext context)
    {
        foreach (var filter in filters)
            if (await filter.BeforeAsync(context) is { } response) return response;
        return null;
    }

    // Sends the session cookie again when the request changed the session.
    internal void SaveSession(RequestContext context, Response response)
    {
        if (context.LoadedSession is { } session)
            Sessions.SessionCookie.Save(session, response, Config, context.Request.Cookies.ContainsKey(Config.Session.CookieName), Clock.GetUtcNow());
    }

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

        var domain = _routes.HasDomainRules ? RequestDomain.Of(request.Host, request.Scheme, Config.ServerName, _routes.HostMatching) : "";
        var match = _routes.Match(request.Method, request.Path, domain);
        if (match.Outcome == MatchOutcome.Found) request.MatchedRoute = match.Route;
        // A CORS preflight is answered before the hooks, as ASP.NET Core's middleware: it carries no credentials.
        if (_cors is not null && request.Method == "OPTIONS" && match.Outcome == MatchOutcome.Found && !match.Route!.DeclaredMethods.Contains("OPTIONS")
            && _cors.Preflight(request, match.Route, () => _routes.AllowedMethods(request.Path, domain)) is { } preflight) return preflight;
        _rateLimits?.Check(request); // before the hooks: a client over its limit costs as little as possible
        if (await RunBeforeHooksAsync(context) is { } early) return early;
        switch (match.Outcome)
        {
            case MatchOutcome.RedirectToSlash:
            {
                var target = request.PathBase + request.RawPath + "/" + (request.QueryString.Length > 0 ? "?" + request.QueryString : "");
                return Responses.Redirect(target, 308);
            }
            case MatchOutcome.Redirect:
                return Responses.Redirect(request.PathBase + match.Location + (request.QueryString.Length > 0 ? "?" + request.QueryString : ""), 308);
            case MatchOutcome.MethodNotAllowed:
            {
                var error = new HttpException(405);
                error.Headers["Allow"] = string.Join(", ", match.AllowedMethods);
                throw error;
            }
            case MatchOutcome.NotFound:
                throw new HttpException(404);
        }

        var route = match.Route!;
        request.MatchedRoute = route;
        RequestLimits.CheckBodySize(request, route.MaxContentLength ?? Config.MaxContentLength);
        request.RouteValues = match.Values.Length == 0 ? RouteValues.Empty : new RouteValues(route, match.Values);
        if (request.Method == "OPTIONS" && !route.DeclaredMethods.Contains("OPTIONS"))
        {
            var options = Response.Empty(200);
            options.Headers["Allow"] = string.Join(", ", _routes.AllowedMethods(request.Path, domain));
            return options;
        }

        // A form posted to a route is parsed before the handler, so request.form reads it from synchronous code,
        // view filters and templates, as in Flask.
        if (request.Method is not ("GET" or "HEAD") && request.HasFormBody) await request.ReadFormAsync(request.Aborted);

        var binding = (RouteBinding)route.Handler!;
        if (binding.Filters.Length > 0 && await RunFiltersAsync(binding.Filters, context) is { } filtered) return filtered;
        var result = await binding.InvokeAsync(context, match.Values);
        return ResultConverter.ToResponse(result, JsonOptions);
    }
}
