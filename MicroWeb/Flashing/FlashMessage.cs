namespace MicroWeb;

/// <summary>A flashed message with its category (<c>message</c>, <c>error</c>, <c>info</c>... as the app chooses).
/// Written in a template it shows the message.</summary>
public sealed record FlashMessage(string Category, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
