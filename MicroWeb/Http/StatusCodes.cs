namespace MicroWeb.Http;

/// <summary>Standard reason phrases and the short descriptions Werkzeug shows on its error pages.</summary>
public static class StatusCodes
{
    private static readonly Dictionary<int, (string Phrase, string Description)> Known = new()
    {
        [200] = ("OK", ""), [201] = ("Created", ""), [202] = ("Accepted", ""), [204] = ("No Content", ""),
        [206] = ("Partial Content", ""),
        [301] = ("Moved Permanently", "The resource has moved permanently."),
        [302] = ("Found", "The resource was found at another URL."),
        [303] = ("See Other", "See the resource at another URL."),
        [304] = ("Not Modified", ""),
        [307] = ("Temporary Redirect", "The resource is temporarily at another URL."),
        [308] = ("Permanent Redirect", "The resource has moved permanently."),
        [400] = ("Bad Request", "The browser (or proxy) sent a request that this server could not understand."),
        [401] = ("Unauthorized", "The server could not verify that you are authorized to access the URL requested."),
        [403] = ("Forbidden", "You don't have the permission to access the requested resource."),
        [404] = ("Not Found", "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."),
        [405] = ("Method Not Allowed", "The method is not allowed for the requested URL."),
        [406] = ("Not Acceptable", "The resource could not be returned in a format the client accepts."),
        [408] = ("Request Timeout", "The server closed the request because it took too long to arrive."),
        [409] = ("Conflict", "The request conflicts with the current state of the resource."),
        [410] = ("Gone", "The requested URL is no longer available on this server."),
        [411] = ("Length Required", "A request with this method requires a valid Content-Length header."),
        [412] = ("Precondition Failed", "The precondition on the request for the URL failed positive evaluation."),
        [413] = ("Request Entity Too Large", "The data value transmitted exceeds the capacity limit."),
        [414] = ("Request URI Too Large", "The length of the requested URL exceeds the capacity limit for this server."),
        [415] = ("Unsupported Media Type", "The server does not support the media type transmitted in the request."),
        [416] = ("Requested Range Not Satisfiable", "The server cannot provide the requested range."),
        [418] = ("I'm a teapot", "This server is a teapot, not a coffee machine"),
        [422] = ("Unprocessable Entity", "The request was well-formed but was unable to be followed due to semantic errors."),
        [429] = ("Too Many Requests", "This user has exceeded an allotted request count. Try again later."),
        [431] = ("Request Header Fields Too Large", "One or more header fields exceeds the maximum size."),
        [500] = ("Internal Server Error", "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."),
        [501] = ("Not Implemented", "The server does not support the action requested by the browser."),
        [502] = ("Bad Gateway", "The proxy server received an invalid response from an upstream server."),
        [503] = ("Service Unavailable", "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later."),
        [504] = ("Gateway Timeout", "The connection to an upstream server timed out."),
    };

    /// <summary>"Not Found" for 404; "Unknown" for codes without a standard phrase.</summary>
    public static string Phrase(int code) => Known.TryGetValue(code, out var k) ? k.Phrase : "Unknown";

    /// <summary>A one-sentence explanation for error pages.</summary>
    public static string Description(int code) => Known.TryGetValue(code, out var k) ? k.Description : string.Empty;

    /// <summary>True for codes that never carry a body (1xx, 204, 304).</summary>
    public static bool ForbidsBody(int code) => code is < 200 or 204 or 304;
}
