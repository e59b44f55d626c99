using System.Globalization;
using MicroWeb.Routing.Converters;

namespace MicroWeb.Routing;

/// <summary>
/// Parses Flask rule syntax: <c>/static/&lt;name&gt;/&lt;int(min=1):id&gt;</c>. Converters are created here,
/// once per rule at startup. Errors carry the rule and the position of the fault.
/// </summary>
internal sealed class RuleParser
{
    private readonly ConverterRegistry _converters;
    private readonly Dictionary<string, RouteConverter> _cache = new(StringComparer.Ordinal);

    public RuleParser(ConverterRegistry converters) => _converters = converters;

    /// <summary>Parses a rule; with <paramref name="mergeSlashes"/>, runs of slashes in its literal text count as one,
    /// as Werkzeug does for rules whose <c>merge_slashes</c> is on.</summary>
    public ParsedRule Parse(string rule, bool mergeSlashes = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!rule.StartsWith('/')) throw new RuleSyntaxException(rule, 0, "a rule must start with '/'");

        var pieces = Tokenize(rule);
        if (mergeSlashes)
            pieces = pieces.Select(p => p is LiteralPiece l && l.Text.Contains("//") ? new LiteralPiece(MergeSlashes(l.Text)) : p).ToList();
        var segments = new List<RuleSegment>();
        var current = new List<RulePiece>();
        var inTail = false;
        foreach (var piece in pieces)
        {
            if (piece is VariablePiece { Converter.MatchesSlashes: true }) inTail = true;
            if (piece is not LiteralPiece literal || inTail)
            {
                current.Add(piece);
                continue;
            }
            var parts = literal.Text.Split('/');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    segments.Add(RuleSegment.Create(Merge(current), tail: false));
                    current = new List<RulePiece>();
                }
                if (parts[i].Length > 0) current.Add(new LiteralPiece(parts[i]));
            }
        }
        // "<path:p>/": the tail takes an optional slash and a static empty segment follows, as Werkzeug's suffixed part,
        // so that "/abc" redirects to "/abc/" as for every other rule ending in '/'.
        var suffixed = inTail && current is [.., LiteralPiece { Text: [.., '/'] }];
        if (suffixed)
        {
            var last = ((LiteralPiece)current[^1]).Text[..^1];
            if (last.Length == 0) current.RemoveAt(current.Count - 1);
            else current[^1] = new LiteralPiece(last);
        }
        segments.Add(RuleSegment.Create(Merge(current), tail: inTail, suffixed));
        if (suffixed) segments.Add(RuleSegment.Create([], tail: false));
        // The leading '/' produced an empty first segment; drop it so "/" is [""] and "/a/" is ["a", ""].
        segments.RemoveAt(0);
        return new ParsedRule(rule, segments);
    }

    /// <summary>A rule with a subdomain (or host) rule as Werkzeug's <c>subdomain=</c> / <c>host=</c>: <c>&lt;tenant&gt;</c>,
    /// <c>www</c>, <c>&lt;tenant&gt;.example.test</c>. Its variables come before the path's.</summary>
    public ParsedRule Parse(string rule, bool mergeSlashes, string? domain)
    {
        var path = Parse(rule, mergeSlashes);
        if (domain is null) return path;
        if (domain.Contains('/')) throw new RuleSyntaxException(domain, domain.IndexOf('/'), "a subdomain or host rule has no '/'");
        var pieces = Tokenize(domain);
        var names = pieces.OfType<VariablePiece>().Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var v in path.Variables)
            if (names.Contains(v.Name)) throw new RuleSyntaxException(rule, rule.IndexOf(v.Name, StringComparison.Ordinal), $"variable '{v.Name}' is also in the subdomain '{domain}'");
        return new ParsedRule(rule, path.Segments, domain, RuleSegment.Create(Merge(pieces), tail: false));
    }

    /// <summary>Collapses every run of slashes into one (<c>/a//b</c> becomes <c>/a/b</c>).</summary>
    public static string MergeSlashes(string path)
    {
        if (!path.Contains("//")) return path;
        var merged = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
            if (c != '/' || merged.Length == 0 || merged[^1] != '/') merged.Append(c);
        return merged.ToString();
    }

    private static List<RulePiece> Merge(List<RulePiece> pieces)
    {
        var merged = new List<RulePiece>();
        foreach (var piece in pieces)
        {
            if (piece is LiteralPiece b && merged.Count > 0 && merged[^1] is LiteralPiece a)
                merged[^1] = new LiteralPiece(a.Text + b.Text);
            else
                merged.Add(piece);
        }
        return merged;
    }

    private List<RulePiece> Tokenize(string rule)
    {
        var pieces = new List<RulePiece>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < rule.Length)
        {
            var open = rule.IndexOf('<', i);
            var close = rule.IndexOf('>', i);
            if (close >= 0 && (open < 0 || close < open))
                throw new RuleSyntaxException(rule, close, "'>' without a matching '<'");
            if (open < 0)
            {
                pieces.Add(new LiteralPiece(rule[i..]));
                break;
            }
            if (open > i) pieces.Add(new LiteralPiece(rule[i..open]));
            if (pieces.Count > 0 && pieces[^1] is VariablePiece)
                throw new RuleSyntaxException(rule, open, "two variables must be separated by literal text");
            i = ParseVariable(rule, open, pieces, names);
        }
        return pieces;
    }

    // <name>, <conv:name> or <conv(args):name>; returns the index after '>'.
    private int ParseVariable(string rule, int open, List<RulePiece> pieces, HashSet<string> names)
    {
        var pos = open + 1;
        var first = ReadIdentifier(rule, ref pos);
        string converter = "default", args = "", name;
        var argsStart = -1;
        if (pos < rule.Length && (rule[pos] == '(' || rule[pos] == ':'))
        {
            converter = first;
            if (converter.Length == 0) throw new RuleSyntaxException(rule, pos, "expected a converter name");
            if (rule[pos] == '(')
            {
                argsStart = pos + 1;
                var end = FindClosingParen(rule, pos);
                if (end < 0) throw new RuleSyntaxException(rule, pos, "converter arguments are not closed with ')'");
                args = rule[argsStart..end];
                pos = end + 1;
            }
            if (pos >= rule.Length || rule[pos] != ':') throw new RuleSyntaxException(rule, pos, "expected ':' before the variable name");
            pos++;
            var nameStart = pos;
            name = ReadIdentifier(rule, ref pos);
            if (name.Length == 0) throw new RuleSyntaxException(rule, nameStart, "expected a variable name");
        }
        else
        {
            name = first;
            if (name.Length == 0) throw new RuleSyntaxException(rule, pos, "expected a variable name");
        }
        if (pos >= rule.Length || rule[pos] != '>') throw new RuleSyntaxException(rule, pos, "expected '>' to close the variable");
        if (!names.Add(name)) throw new RuleSyntaxException(rule, open + 1, $"variable '{name}' appears twice");
        if (!_converters.Contains(converter)) throw new RuleSyntaxException(rule, open + 1, $"unknown converter '{converter}'");

        var spec = args.Length == 0 ? converter : $"{converter}({args.Trim()})";
        if (!_cache.TryGetValue(spec, out var instance))
        {
            try
            {
                instance = _converters.Create(converter, ParseArguments(args, rule, argsStart));
            }
            catch (ArgumentException e)
            {
                throw new RuleSyntaxException(rule, argsStart < 0 ? open + 1 : argsStart, e.Message);
            }
            _cache[spec] = instance;
        }
        pieces.Add(new VariablePiece(name, spec, instance));
        return pos + 1;
    }

    private static string ReadIdentifier(string rule, ref int pos)
    {
        var start = pos;
        if (pos < rule.Length && (char.IsAsciiLetter(rule[pos]) || rule[pos] == '_'))
            while (pos < rule.Length && (char.IsAsciiLetterOrDigit(rule[pos]) || rule[pos] == '_')) pos++;
        return rule[start..pos];
    }

    private static int FindClosingParen(string rule, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < rule.Length; i++)
        {
            var c = rule[i];
            if (quote is not null) { if (c == quote) quote = null; }
            else if (c is '"' or '\'') quote = c;
            else if (c == ')') return i;
            else if (c is '<' or '>') return -1;
        }
        return -1;
    }

    /// <summary>Rule defaults written as named converter arguments (<c>page=1, lang='es'</c>); null when none.</summary>
    internal static IReadOnlyDictionary<string, object?>? ParseDefaults(string? text, string rule)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var args = ParseArguments(text, rule);
        if (args.Positional.Count > 0) throw new RuleSyntaxException(rule, 0, $"defaults '{text}' must be written as name=value");
        return args.Named;
    }

    /// <summary>Werkzeug's converter argument syntax: <c>1, 'a', name=True, x=2.5</c>.</summary>
    internal static ConverterArguments ParseArguments(string text, string rule = "", int offset = 0)
    {
        var positional = new List<object?>();
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return new ConverterArguments(positional, named);

        var pos = 0;
        while (true)
        {
            SkipSpaces(text, ref pos);
            var itemStart = pos;
            string? name = null;
            var save = pos;
            var ident = ReadIdentifier(text, ref pos);
            SkipSpaces(text, ref pos);
            if (ident.Length > 0 && pos < text.Length && text[pos] == '=')
            {
                name = ident;
                pos++;
                SkipSpaces(text, ref pos);
            }
            else pos = save;

            var value = ReadLiteral(text, ref pos) ?? throw new RuleSyntaxException(rule, offset + itemStart, "bad converter argument");
            if (name is null)
            {
                if (named.Count > 0) throw new RuleSyntaxException(rule, offset + itemStart, "positional argument after a named one");
                positional.Add(value.Value);
            }
            else if (!named.TryAdd(name, value.Value))
                throw new RuleSyntaxException(rule, offset + itemStart, $"argument '{name}' given twice");

            SkipSpaces(text, ref pos);
            if (pos >= text.Length) break;
            if (text[pos] != ',') throw new RuleSyntaxException(rule, offset + pos, "expected ',' between converter arguments");
            pos++;
            SkipSpaces(text, ref pos);
            if (pos >= text.Length) break; // trailing comma is allowed
        }
        return new ConverterArguments(positional, named);
    }

    private static void SkipSpaces(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    // Returns null for a syntax error; a boxed null (Value = null) for the literal None.
    private static StrongBox<object?>? ReadLiteral(string text, ref int pos)
    {
        if (pos >= text.Length) return null;
        var c = text[pos];
        if (c is '"' or '\'')
        {
            var end = text.IndexOf(c, pos + 1);
            if (end < 0) return null;
            var s = text[(pos + 1)..end];
            pos = end + 1;
            return new(s);
        }
        var start = pos;
        while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '_' or '.' or '-')) pos++;
        var word = text[start..pos];
        if (word.Length == 0) return null;
        return word switch
        {
            "True" => new(true),
            "False" => new(false),
            "None" => new(null),
            _ when long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => new(l),
            _ when word.Contains('.') && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => new(d),
            _ => new(word),
        };
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; } = value;
    }
}
