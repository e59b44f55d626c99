using System.Text.Json;

namespace MicroWeb.Http;

/// <summary>
/// Turns a request's JSON body, already parsed and checked to be well-formed, into the C# type a handler's body
/// parameter asks for. MicroWeb's own (<see cref="JsonBodyReader.Plain"/>) deserializes; the MicroWeb.OpenApi
/// package sets one that also checks the body against the type's rules (<c>app.UseValidation()</c>).
/// </summary>
public interface IJsonBodyReader
{
    /// <summary>Reads <paramref name="body"/> as a <paramref name="type"/> under the app's JSON settings.</summary>
    /// <param name="body">The parsed body (never an empty one: that is answered before).</param>
    /// <param name="type">The handler parameter's type.</param>
    /// <param name="options">The app's <see cref="MicroWebApp.JsonOptions"/>.</param>
    /// <returns>The value, or null for a JSON <c>null</c>.</returns>
    /// <exception cref="HttpException">A 4xx (usually 400) when the body does not fit the type.</exception>
    object? Read(JsonElement body, Type type, JsonSerializerOptions options);
}
