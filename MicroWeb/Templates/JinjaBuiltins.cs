using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// Jinja's filter names for what Scriban spells differently, so habits carry over: <c>{{ name | upper }}</c>,
/// <c>{{ x | default 'none' }}</c>, <c>{{ created | strftime '%Y-%m-%d' }}</c>. Each is Scriban's own function under
/// a second name, except <c>capitalize</c> (Jinja lowers the rest; Scriban's does not). See docs/templates.md.
/// </summary>
internal static class JinjaBuiltins
{
    private static readonly (string Jinja, string Scriban, string Function)[] Aliases =
    [
        ("default", "object", "default"),
        ("length", "object", "size"),
        ("upper", "string", "upcase"),
        ("lower", "string", "downcase"),
        ("replace", "string", "replace"),
        ("trim", "string", "strip"),
        ("join", "array", "join"),
        ("strftime", "date", "to_string"),
    ];

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Scriban reads the delegate's own method (kept for every delegate target) to call it; the parameters are strings, booleans, objects and Scriban's own types.")]
    public static void AddTo(ScriptObject builtins)
    {
        foreach (var (jinja, group, function) in Aliases)
            builtins[jinja] = ((ScriptObject)builtins[group]!)[function];
        builtins.Import("capitalize", new Func<string?, string?>(Capitalize));
    }

    private static string? Capitalize(string? text) => string.IsNullOrEmpty(text)
        ? text
        : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..].ToLower(CultureInfo.InvariantCulture);
}
