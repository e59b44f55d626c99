using System.Globalization;
using System.Text;

namespace MicroWeb;

/// <summary>
/// Text that is already safe HTML (MarkupSafe's <c>Markup</c>). Auto-escaping templates write a <see cref="Markup"/> as it
/// is and HTML-encode every other value, so a helper that builds HTML returns one of these:
/// <c>new Markup("&lt;b&gt;hi&lt;/b&gt;")</c> for trusted HTML, <see cref="Escape"/> for text from anywhere else.
/// </summary>
public sealed class Markup : IEquatable<Markup>
{
    private static readonly char[] Special = ['&', '<', '>', '"', '\''];

    /// <summary>Wraps HTML that is trusted as it is. Never pass user input here; use <see cref="Escape"/>.</summary>
    public Markup(string? html) => Html = html ?? string.Empty;

    /// <summary>The HTML.</summary>
    public string Html { get; }

    /// <summary>The empty markup.</summary>
    public static Markup Empty { get; } = new(string.Empty);

    /// <summary>
    /// Turns any value into safe markup: a <see cref="Markup"/> stays as it is, anything else is converted to text
    /// (invariant culture) and HTML-encoded.
    /// </summary>
    public static Markup Escape(object? value) => value switch
    {
        Markup markup => markup,
        null => Empty,
        _ => new Markup(Encode(Convert.ToString(value, CultureInfo.InvariantCulture))),
    };

    /// <summary>
    /// HTML-encodes text: <c>&amp; &lt; &gt; " '</c> become entities, so the result is safe in element content and in
    /// quoted attribute values. Other characters (accents, emoji) are kept as they are.
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var first = text.IndexOfAny(Special);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The HTML.</summary>
    public override string ToString() => Html;

    /// <inheritdoc />
    public bool Equals(Markup? other) => other is not null && other.Html == Html;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Markup);

    /// <inheritdoc />
    public override int GetHashCode() => Html.GetHashCode(StringComparison.Ordinal);
}
