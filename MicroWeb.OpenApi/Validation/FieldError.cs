using System.Text.Json.Serialization;

namespace MicroWeb;

/// <summary>
/// One problem with a JSON body: the member it is about, as a path in the JSON (<c>color</c>,
/// <c>items[0].nombre</c>; empty for the body as a whole), and a message for people.
/// </summary>
/// <param name="Field">The JSON path of the member, without the leading <c>$.</c>; empty for the whole body.</param>
/// <param name="Message">What is wrong, e.g. <c>The color field is required.</c></param>
public sealed record FieldError(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message);
