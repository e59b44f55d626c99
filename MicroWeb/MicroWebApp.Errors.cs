using System.Reflection;
using MicroWeb.Errors;
using MicroWeb.Handlers;
using MicroWeb.Http;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    private readonly ErrorHandlerRegistry _errorHandlers = new();

    /// <summary>Registers a handler for an HTTP status (Flask's <c>errorhandler(404)</c>).</summary>
    public MicroWebApp ErrorHandler(int statusCode, Delegate handler)
    {
        ThrowIfStarted();
        _errorHandlers.Add(statusCode, new ErrorHandler(new Handler(handler.Method, handler, null)));
        return this;
    }

    /// <summary>Registers a handler for an exception type and its subclasses.</summary>
    public MicroWebApp ErrorHandler<TException>(Delegate handler) where TException : Exception => ErrorHandler(typeof(TException), handler);

    /// <summary>Registers a handler for an exception type and its subclasses.</summary>
    public MicroWebApp ErrorHandler(Type exceptionType, Delegate handler)
    {
        ThrowIfStarted();
        if (!typeof(Exception).IsAssignableFrom(exceptionType)) throw new ArgumentException($"{exceptionType} is not an exception type.");
        _errorHandlers.Add(exceptionType, new ErrorHandler(new Handler(handler.Method, handler, null)));
        return this;
    }

    private void AddErrorHandler(MethodInfo method, ErrorHandlerAttribute attribute)
    {
        var handler = new ErrorHandler(new Handler(method, null, t => HandlerFactory(t)));
        if (attribute.StatusCode is { } code) _errorHandlers.Add(code, handler);
        else _errorHandlers.Add(attribute.ExceptionType!, handler);
    }

    private readonly Dictionary<string, ErrorHandlerRegistry> _blueprintErrorHandlers = new(StringComparer.OrdinalIgnoreCase);

    // A blueprint's own handlers first (for requests routed to it), then the app's.
    private ErrorHandler? FindErrorHandler(RequestContext context, Exception error, int status) =>
        (context.Blueprint is { } name && _blueprintErrorHandlers.TryGetValue(name, out var own) ? own.Find(error, status) : null)
        ?? _errorHandlers.Find(error, status);

    /// <summary>
    /// Turns an exception from the pipeline into a response: the registered handler (by exception type, most
    /// derived first, then by status), else the debug page (debug mode, unhandled exceptions) or the default page.
    /// A failing error handler falls back to the default 500; it never loops.
    /// </summary>
    private async Task<Response> HandleErrorAsync(RequestContext context, Exception error)
    {
        var http = error as HttpException;
        var status = http?.StatusCode ?? 500;
        if (http is null)
            Logger.LogError(error, "Exception on {Path} [{Method}] (request id {RequestId})",
                Hosting.LogText.Escape(context.Request.Path), Hosting.LogText.Escape(context.Request.Method), context.RequestId);

        Response response;
        if (http?.Response is { } ready) response = ready;
        else if (http is null && Debug) response = DebugErrorPage.For(error, context);
        else if (FindErrorHandler(context, error, status) is { } handler)
        {
            try
            {
                response = await handler.InvokeAsync(context, error, status, JsonOptions);
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
