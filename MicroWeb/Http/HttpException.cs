using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// Stops a handler and answers with an HTTP status, like Werkzeug's HTTPException. Thrown by <c>Abort</c>;
/// error handlers registered for the status code see it.
/// </summary>
public class HttpException : Exception
{
    /// <summary>Creates the exception for a status code, with an optional description shown on the error page.</summary>
    public HttpException(int statusCode, string? description = null, Exception? inner = null)
        : base(description ?? $"{statusCode} {StatusCodes.Phrase(statusCode)}", inner)
    {
        if (statusCode is < 100 or > 599) throw new ArgumentOutOfRangeException(nameof(statusCode));
        StatusCode = statusCode;
        Description = description ?? StatusCodes.Description(statusCode);
    }

    /// <summary>The status to answer with.</summary>
    public int StatusCode { get; }

    /// <summary>The human explanation shown on the default error page. Must not contain secrets.</summary>
    public string Description { get; }

    /// <summary>Extra headers for the error response (e.g. <c>Allow</c> on 405, <c>Location</c> on redirects).</summary>
    public ResponseHeaders Headers { get; } = new();

    /// <summary>When set, sent as is instead of the error page.</summary>
    public Response? Response { get; init; }
}
