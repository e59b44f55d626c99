using System.Text.Json;
using MicroWeb.Http;

namespace MicroWeb.Validation;

/// <summary>The body reader <c>app.UseValidation()</c> sets: <see cref="JsonBody"/>'s checks, then the value.</summary>
internal sealed class ValidatingJsonBodyReader : IJsonBodyReader
{
    public static readonly ValidatingJsonBodyReader Instance = new();

    private ValidatingJsonBodyReader() { }

    public object? Read(JsonElement body, Type type, JsonSerializerOptions options) => JsonBody.Read(body, type, options);
}
