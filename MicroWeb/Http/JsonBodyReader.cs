using System.Text.Json;

namespace MicroWeb.Http;

/// <summary>The JSON body readers MicroWeb itself has.</summary>
public static class JsonBodyReader
{
    /// <summary>
    /// System.Text.Json's deserialization under the app's settings, nothing more: members marked C# <c>required</c>
    /// or <c>[JsonRequired]</c> must be present, values must have the member's JSON type. A body that does not fit is
    /// a 400 with the serializer's message (data annotations are not checked: that is the MicroWeb.OpenApi package).
    /// </summary>
    public static IJsonBodyReader Plain { get; } = new PlainReader();

    private sealed class PlainReader : IJsonBodyReader
    {
        public object? Read(JsonElement body, Type type, JsonSerializerOptions options)
        {
            try
            {
                return body.Deserialize(JsonMetadata.Info(options, type));
            }
            catch (JsonException e)
            {
                // The serializer's message names the member ("... Path: $.color ..."): enough for the client to fix it.
                throw new HttpException(400, $"The request body is not a valid {type.Name}: {e.Message}");
            }
        }
    }
}
