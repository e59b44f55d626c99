using System.Text;

namespace MicroWeb;

/// <summary>One whole message received on a <see cref="WebSocketConnection"/>: text or binary.</summary>
/// <param name="Data">The payload (UTF-8 for a text message).</param>
/// <param name="IsText">True for a text message, false for a binary one.</param>
public sealed record WebSocketMessage(ReadOnlyMemory<byte> Data, bool IsText)
{
    /// <summary>The payload as text (UTF-8).</summary>
    public string Text => Encoding.UTF8.GetString(Data.Span);
}
