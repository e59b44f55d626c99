using System.Net;
using MicroWeb.Http;

namespace MicroWeb.Errors;

/// <summary>
/// The default answer for an error status when the app has no handler for it: a small HTML page like
/// Werkzeug's, or <c>{"error": ..., "status": ...}</c> when the client asks for JSON. Never shows exception details.
/// </summary>
public static class ErrorPages
{
    /// <summary>Builds the default response for an HTTP error.</summary>
    public static Response For(HttpException error, Request? request)
    {
        var code = error.StatusCode;
        var phrase = StatusCodes.Phrase(code);
        Response response;
        if (request?.PrefersJson == true)
            response = Response.Json(new Dictionary<string, object> { ["status"] = code, ["error"] = phrase, ["message"] = error.Description }, code);
        else
            response = new Response(
                $"<!doctype html>\n<html lang=en>\n<title>{code} {WebUtility.HtmlEncode(phrase)}</title>\n<h1>{WebUtility.HtmlEncode(phrase)}</h1>\n<p>{WebUtility.HtmlEncode(error.Description)}</p>\n",
                code);
        foreach (var (name, value) in error.Headers) response.Headers.Add(name, value);
        return response;
    }
}
