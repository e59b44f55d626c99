namespace MicroWeb.Http;

/// <summary>
/// What goes on the wire after the headers, decided in one place for the socket server and the test client,
/// so both answer alike: no body for 1xx/204/304; HEAD gets the Content-Length but no body.
/// </summary>
internal static class BodyFraming
{
    /// <summary>The Content-Length to announce (null: chunked) and whether the body is written.</summary>
    public static (long? Length, bool WriteBody) For(Response response, string method)
    {
        if (response.Body is null || StatusCodes.ForbidsBody(response.StatusCode)) return (0, false);
        return (response.Body.Length, method != "HEAD");
    }
}
