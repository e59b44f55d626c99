using System.Collections;
using System.Net;
using System.Runtime.CompilerServices;
using MicroWeb.Http;

namespace MicroWeb.Handlers;

/// <summary>
/// Turns what a handler returned into a <see cref="Response"/>, as Flask's make_response:
/// string and Markup → HTML; Response → as is; (body, status), (body, headers), (body, status, headers) tuples;
/// byte[] and Stream → octet-stream; null and void → 204; an async sequence → streamed (see StreamedResults); anything else → JSON.
/// </summary>
internal static class ResultConverter
{
    // The app's JSON options are read only for a result that needs them: they are made on first use.
    public static Response ToResponse(object? result, MicroWebApp app) => result switch
    {
        null => Response.Empty(204),
        Response r => r,
        string s => new Response(s),
        Markup markup => new Response(markup.Html),
        byte[] bytes => new Response(bytes),
        Stream stream => new Response(stream),
        ITuple tuple when tuple.GetType().FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true => FromTuple(tuple, app),
        _ => Streaming.StreamedResults.TryCreate(result, app.JsonOptions) ?? Response.Json(result, 200, app.JsonOptions),
    };

    private static Response FromTuple(ITuple tuple, MicroWebApp app)
    {
        if (tuple.Length is < 2 or > 3 || tuple[0] is ITuple)
            throw new InvalidOperationException("A handler tuple must be (body, status), (body, headers) or (body, status, headers).");
        var response = ToResponse(tuple[0], app);
        if (tuple[0] is null) response.StatusCode = 200; // (null, 201) means "no body, 201", not 204
        var headersIndex = 1;
        if (Status(tuple[1]) is { } status)
        {
            response.StatusCode = status;
            headersIndex = 2;
        }
        if (headersIndex < tuple.Length)
        {
            if (tuple[headersIndex] is not IEnumerable headers || tuple[headersIndex] is string)
                throw new InvalidOperationException("The headers in a handler tuple must be a dictionary of strings.");
            foreach (var item in headers)
            {
                var (name, value) = item switch
                {
                    KeyValuePair<string, string> kv => (kv.Key, kv.Value),
                    KeyValuePair<string, object?> kv => (kv.Key, Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                    ValueTuple<string, string> t => (t.Item1, t.Item2),
                    _ => throw new InvalidOperationException("The headers in a handler tuple must be a dictionary of strings."),
                };
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) response.ContentType = value;
                else response.Headers[name] = value;
            }
        }
        return response;
    }

    private static int? Status(object? value) => value switch
    {
        int i => i,
        HttpStatusCode c => (int)c,
        _ => null,
    };
}
