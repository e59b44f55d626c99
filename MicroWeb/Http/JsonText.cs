using System.Text.Json;

namespace MicroWeb.Http;

/// <summary>
/// What a JSON body must be beyond well-formed: no duplicate keys (which value wins differs between parsers, and a
/// JSON object built from one throws) and no string that is not valid UTF-16, such as a lone surrogate escape
/// (<c>"\ud800"</c>), which parses but throws when read as a string. Both are the client's mistake: a 400.
/// </summary>
internal static class JsonText
{
    /// <summary>Options for parsing request bodies: the app's depth (64 by default), trailing commas and comments;
    /// duplicate keys refused whatever the app's options say.</summary>
    public static JsonDocumentOptions DocumentOptionsFor(JsonSerializerOptions? options) => new()
    {
        MaxDepth = options is { MaxDepth: > 0 } ? options.MaxDepth : 64,
        AllowTrailingCommas = options?.AllowTrailingCommas ?? false,
        CommentHandling = options?.ReadCommentHandling ?? JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>Reads every string and property name once; a 400 names the first one that is not valid UTF-16.</summary>
    public static void RequireValidStrings(JsonElement element, int depth = 0)
    {
        if (depth > 64) return; // the parser already refused deeper documents
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    element.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray()) RequireValidStrings(item, depth + 1);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        RequireValidStrings(property.Value, depth + 1);
                    }
                    break;
            }
        }
        catch (InvalidOperationException e)
        {
            throw new HttpException(400, $"The request body is not valid JSON: a string is not valid Unicode ({e.Message})");
        }
    }
}
