using System.Text.Json.Serialization;

namespace MicroWeb.Http;

/// <summary>
/// MicroWeb's own JSON bodies (error pages), source-generated so they are written in trimmed and
/// Native AOT apps too, where the app's context knows only the app's types. Behind reflection where it is allowed.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(double))]
internal sealed partial class MicroWebJsonContext : JsonSerializerContext;
