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
    internal async ValueTask<Response> HandleCoreAsync(Request request)
    {
        MarkStarted();
        request.MaxContentLength = Config.MaxContentLength;
        Proxies.ForwardedHeaders.Apply(request, Config.TrustedProxies);
        var context = new RequestContext(this, request);
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
                if (error is not HttpException)
                {
                    unhandled = error;
                    Activity.Current?.AddException(error); // the request's trace shows what failed
                }
                response = await HandleErrorAsync(context, error);
            }
            try
            {
                response = await RunAfterHooksAsync(context, response);
                if (context.LoadedSession is { IsModified: true } session)
                    Sessions.SessionCookie.Save(session, response, Config.SecretKey, request.Cookies.ContainsKey(Sessions.SessionCookie.Name));
                await response.PrepareAsync(request);
            }
            catch (Exception error)
            {
                unhandled ??= error is HttpException ? null : error;
                response = await HandleErrorAsync(context, error);
            }
            return response;
        }
        finally
        {
            RunTeardownHooks(context, unhandled);
            await context.DisposeScopeAsync();
        }
    }

    // A ValueTask: a handler that finishes synchronously (most do) costs no Task allocation here.
    private async ValueTask<Response> DispatchAsync(RequestContext context)
    {
        var request = context.Request;
        RequestLimits.Check(request, Config);
        Proxies.HostCheck.Check(request, Config);

        var match = _routes.Match(request.Method, request.Path);
        if (match.Outcome == MatchOutcome.Found) request.MatchedRoute = match.Route;
        if (await RunBeforeHooksAsync(context) is { } early) return early;
        switch (match.Outcome)
        {
            case MatchOutcome.RedirectToSlash:
            {
                var target = request.PathBase + request.RawPath + "/" + (request.QueryString.Length > 0 ? "?" + request.QueryString : "");
                return Responses.Redirect(target, 308);
            }
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
            options.Headers["Allow"] = string.Join(", ", _routes.AllowedMethods(request.Path));
            return options;
        }

        var binding = (RouteBinding)route.Handler!;
        var result = await binding.InvokeAsync(context, match.Values);
        return ResultConverter.ToResponse(result, JsonOptions);
    }
}
