namespace MicroWeb.Http;

/// <summary>
/// The name/value pairs of <c>a=1&amp;b=2</c> text (a query string or a urlencoded form), still encoded, in order.
/// A leading '?' is skipped, empty pairs are skipped, and a pair without '=' has an empty value.
/// </summary>
internal ref struct UrlEncodedPairs(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text.StartsWith('?') ? text[1..] : text;

    /// <summary>Moves to the next pair; false when there is none left.</summary>
    public bool Next(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        while (!_rest.IsEmpty)
        {
            var amp = _rest.IndexOf('&');
            var pair = amp < 0 ? _rest : _rest[..amp];
            _rest = amp < 0 ? default : _rest[(amp + 1)..];
            if (pair.IsEmpty) continue;
            var eq = pair.IndexOf('=');
            name = eq < 0 ? pair : pair[..eq];
            value = eq < 0 ? default : pair[(eq + 1)..];
            return true;
        }
        name = value = default;
        return false;
    }
}
