using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace MicroWeb.Validation;

/// <summary>The package's own JSON bodies, source-generated so a trimmed or Native AOT app writes them too, whatever
/// its own context knows.</summary>
[JsonSerializable(typeof(ValidationErrorBody))]
[JsonSerializable(typeof(FieldError))]
internal sealed partial class ValidationJsonContext : JsonSerializerContext
{
    /// <summary>Non-ASCII messages and field names written as they are, as MicroWeb's default JSON settings do.</summary>
    public static ValidationJsonContext Readable { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });
}
