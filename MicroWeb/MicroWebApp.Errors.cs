using MicroWeb.Errors;
using MicroWeb.Http;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>Turns an exception from the pipeline into a response. HTTP exceptions become their status;
    /// anything else is logged with the request id and answered 500 without details.</summary>
    private Task<Response> HandleErrorAsync(RequestContext context, Exception error)
    {
        if (error is HttpException http)
            return Task.FromResult(http.Response ?? ErrorPages.For(http, context.Request));

        Logger.LogError(error, "Exception on {Path} [{Method}] (request id {RequestId})",
            context.Request.Path, context.Request.Method, context.RequestId);
        var response = ErrorPages.For(new HttpException(500), context.Request);
        response.Headers["X-Request-Id"] = context.RequestId;
        return Task.FromResult(response);
    }
}
