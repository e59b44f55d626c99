using MicroWeb.Errors;
using MicroWeb.Handlers;
using MicroWeb.Http;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    // A blueprint's own handlers first (for requests routed to it), then the app's.
    private ErrorHandler? FindErrorHandler(RequestContext context, Exception error, int status) =>
        context.RouteEndpoint?.BlueprintErrorHandlers?.Find(error, status) ?? ErrorHandlers.Find(error, status);

    // An exception that is not an HTTP error and has no handler of its type is unhandled (Flask's handle_exception):
    // logged at ERROR, answered by the debug page or the 500 handler, and rethrown to tests in testing mode.
    private bool IsUnhandled(RequestContext context, Exception error) =>
        error is not HttpException && (context.RouteEndpoint?.BlueprintErrorHandlers?.FindByType(error) ?? ErrorHandlers.FindByType(error)) is null;

    /// <summary>
    /// Turns an exception from the pipeline into a response: the handler registered for its type (most derived first;
    /// the exception is then handled, logged at debug level only); else, for an unhandled exception, an ERROR log entry
    /// and the debug page (debug mode) or the 500 handler; for an HTTP error, the handler of its status; else the
    /// default page. A failing error handler falls back to the default 500; it never loops.
    /// </summary>
    private async ValueTask<Response> HandleErrorAsync(RequestContext context, Exception error)
    {
        var http = error as HttpException;
        var status = http?.StatusCode ?? 500;
        var unhandled = IsUnhandled(context, error);
        if (unhandled)
            Logger.LogError(error, "Exception on {Path} [{Method}] (request id {RequestId})",
                Hosting.LogText.Escape(context.Request.Path), Hosting.LogText.Escape(context.Request.Method), context.RequestId);
        else if (http is null)
            Logger.LogDebug(error, "Exception on {Path} [{Method}] handled by its error handler (request id {RequestId})",
                Hosting.LogText.Escape(context.Request.Path), Hosting.LogText.Escape(context.Request.Method), context.RequestId);

        Response response;
        if (http?.Response is { } ready) response = ready;
        else if (unhandled && Debug) response = DebugErrorPage.For(error, context);
        else if (FindErrorHandler(context, error, status) is { } handler)
        {
            try
            {
                response = await handler.InvokeAsync(context, error, status);
                if (http is not null)
                    foreach (var (name, value) in http.Headers)
                        if (!response.Headers.Contains(name)) response.Headers.Add(name, value);
            }
            catch (Exception failure)
            {
                Logger.LogError(failure, "Error handler {Handler} failed on {Path} (request id {RequestId})",
                    handler.Name, Hosting.LogText.Escape(context.Request.Path), context.RequestId);
                response = ErrorPages.For(new HttpException(500), context.Request);
            }
        }
        else response = ErrorPages.For(http ?? new HttpException(500), context.Request);

        if (response.StatusCode >= 500) response.Headers["X-Request-Id"] = context.RequestId;
        return response;
    }
}
