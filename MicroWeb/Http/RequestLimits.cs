namespace MicroWeb.Http;

/// <summary>
/// The limits HttpListener does not enforce itself (see the README's security section), checked before routing
/// and before any handler runs, so an oversized request costs nothing but its headers. The one place that sets a
/// request's body limits and builds the 413 for a body over its limit.
/// </summary>
internal static class RequestLimits
{
    public static void Check(Request request, AppConfig config)
    {
        if (request.RawTarget.Length > config.MaxUrlLength)
            throw new HttpException(414, $"The URL is longer than {config.MaxUrlLength} characters.");
        if (request.Headers.Count > config.MaxHeaderCount)
            throw new HttpException(431, $"The request has more than {config.MaxHeaderCount} header fields.");
        if (!request.PathIsValid)
            throw new HttpException(400, "The URL path has a malformed percent-escape, invalid UTF-8 or a NUL byte.");
        request.BodyReadTimeout = config.BodyReadTimeout;
        request.MaxContentLength = config.MaxContentLength; // until routing finds a route with its own limit
    }

    /// <summary>A declared Content-Length over the limit is refused before a byte of the body is read; the
    /// connection is then closed so the client cannot push the rest down it. Chunked bodies are counted as read.</summary>
    public static void CheckBodySize(Request request, long limit)
    {
        request.MaxContentLength = limit;
        // No body stream means no body was announced: skip the header lookup on the common GET.
        if (request.Body != Stream.Null && request.ContentLength > limit) throw BodyTooLarge(limit);
    }

    /// <summary>The 413 for a body over <paramref name="limit"/>, declared or counted as it arrives. The rest of the
    /// body is still on the connection: the answer closes it rather than read it.</summary>
    public static HttpException BodyTooLarge(long limit) => Request.Closing(413, $"The request body exceeds the limit of {limit} bytes.");
}
