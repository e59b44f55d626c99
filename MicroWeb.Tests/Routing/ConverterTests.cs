using MicroWeb.Routing;
using MicroWeb.Routing.Converters;
using static MicroWeb.Tests.Routing.RouterTestKit;

namespace MicroWeb.Tests.Routing;

public class ConverterTests
{
    private static object? Value(string rule, string path, string name)
    {
        var match = Table(rule).Match("GET", path);
        return match.Outcome == MatchOutcome.Found ? match[name] ?? "<null>" : null;
    }

    [Theory]
    [InlineData("/<int:n>", "/42", 42L)]
    [InlineData("/<int:n>", "/007", 7L)]
    [InlineData("/<int(min=1, max=99):n>", "/99", 99L)]
    [InlineData("/<int(signed=True):n>", "/-5", -5L)]
    [InlineData("/<int(fixed_digits=3):n>", "/042", 42L)]
    public void Int_accepts(string rule, string path, long expected) => Value(rule, path, "n").ShouldBe(expected);

    [Theory]
    [InlineData("/<int:n>", "/-5")]
    [InlineData("/<int:n>", "/4.2")]
    [InlineData("/<int:n>", "/+5")]
    [InlineData("/<int:n>", "/٣")] // non-ASCII digits are not digits here
    [InlineData("/<int:n>", "/99999999999999999999")]
    [InlineData("/<int(min=1, max=99):n>", "/0")]
    [InlineData("/<int(min=1, max=99):n>", "/100")]
    [InlineData("/<int(fixed_digits=3):n>", "/42")]
    public void Int_rejects(string rule, string path) => Value(rule, path, "n").ShouldBeNull();

    [Theory]
    [InlineData("/<float:x>", "/10.5", 10.5)]
    [InlineData("/<float(signed=True):x>", "/-0.25", -0.25)]
    [InlineData("/<float(max=100):x>", "/99.9", 99.9)]
    public void Float_accepts(string rule, string path, double expected) => Value(rule, path, "x").ShouldBe(expected);

    [Theory]
    [InlineData("/<float:x>", "/10")]
    [InlineData("/<float:x>", "/.5")]
    [InlineData("/<float:x>", "/5.")]
    [InlineData("/<float:x>", "/-1.5")]
    [InlineData("/<float:x>", "/1e5")]
    [InlineData("/<float(max=100):x>", "/100.5")]
    public void Float_rejects(string rule, string path) => Value(rule, path, "x").ShouldBeNull();

    [Fact]
    public void String_takes_one_segment_with_length_arguments()
    {
        Value("/<s>", "/hola mundo", "s").ShouldBe("hola mundo");
        Value("/<s>/x", "/a/b/x", "s").ShouldBeNull();
        Value("/<string(length=2):code>", "/es", "code").ShouldBe("es");
        Value("/<string(length=2):code>", "/esp", "code").ShouldBeNull();
        Value("/<string(minlength=3, maxlength=4):w>", "/ab", "w").ShouldBeNull();
        Value("/<string(minlength=3, maxlength=4):w>", "/abcd", "w").ShouldBe("abcd");
    }

    [Fact]
    public void Path_takes_slashes_but_not_a_leading_one()
    {
        Value("/f/<path:p>", "/f/a/b/c.txt", "p").ShouldBe("a/b/c.txt");
        Value("/f/<path:p>", "/f//etc", "p").ShouldBeNull();
        Value("/f/<path:p>", "/f/", "p").ShouldBeNull();
    }

    [Fact]
    public void Uuid_takes_only_the_hyphenated_form()
    {
        Value("/<uuid:u>", "/6F9619FF-8B86-D011-B42D-00C04FC964FF", "u").ShouldBe(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
        Value("/<uuid:u>", "/6F9619FF8B86D011B42D00C04FC964FF", "u").ShouldBeNull();
        Value("/<uuid:u>", "/{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "u").ShouldBeNull();
    }

    [Fact]
    public void Any_takes_only_its_items()
    {
        Value("/<any(about, 'help', \"faq\"):page>", "/faq", "page").ShouldBe("faq");
        Value("/<any(about, help):page>", "/abou", "page").ShouldBeNull();
    }

    [Fact]
    public void Custom_converters_match_convert_and_build()
    {
        var converters = new ConverterRegistry();
        converters.Add("list", _ => new ListConverter());
        var table = Table(converters, "/tags/<list:tags>");
        table.Match("GET", "/tags/a+b+c")["tags"].ShouldBe(new[] { "a", "b", "c" });
        new UrlBuilder(table).Build("/tags/<list:tags>", new Dictionary<string, object?> { ["tags"] = new[] { "x", "y" } })
            .ShouldBe("/tags/x+y");
    }

    [Fact]
    public void A_number_converter_of_ones_own_shares_the_sign_and_bounds_rules_of_int_and_float()
    {
        // Werkzeug's NumberConverter: subclasses say what a number looks like; sign, min and max are the base's.
        var converters = new ConverterRegistry();
        converters.Add("cents", args => new CentsConverter(args));
        var table = Table(converters, "/price/<cents(min=-5, max=100, signed=True):p>");
        object? Price(string path) => table.Match("GET", path) is { Outcome: MatchOutcome.Found } match ? match["p"] : null;
        Price("/price/12.50").ShouldBe(12.50m);
        Price("/price/-3.25").ShouldBe(-3.25m);
        Price("/price/100.01").ShouldBeNull(); // above max
        Price("/price/1.5").ShouldBeNull(); // not two decimals
        Price("/price/+1.50").ShouldBeNull(); // only '-' signs
        new CentsConverter(ConverterArguments.Empty).Weight.ShouldBe(new IntConverter(ConverterArguments.Empty).Weight);
    }

    private sealed class CentsConverter(ConverterArguments args)
        : NumberConverter<decimal>((decimal?)args.GetDouble("min"), (decimal?)args.GetDouble("max"), args.GetBoolean("signed", false), @"\d+\.\d\d")
    {
        protected override bool IsWellFormed(ReadOnlySpan<char> digits) =>
            digits.Length > 3 && digits[^3] == '.' && AreDigits(digits[..^3]) && AreDigits(digits[^2..]);
    }

    private sealed class ListConverter : RouteConverter
    {
        public override string Pattern => @"[^/]+";

        public override bool TryConvert(string text, out object? value)
        {
            value = text.Split('+');
            return true;
        }

        public override string ToUrl(object? value) => string.Join("+", (string[])value!);
    }

    [Theory]
    [InlineData("hola", 0, "must start with '/'")]
    [InlineData("/a/<b", 5, "'>' to close")]
    [InlineData("/a/<int:>", 8, "variable name")]
    [InlineData("/a/<nope:x>", 4, "unknown converter 'nope'")]
    [InlineData("/a/<int(mn=1):x>", 8, "has no argument 'mn'")]
    [InlineData("/a/<x>/<x>", 8, "appears twice")]
    [InlineData("/a/b>", 4, "'>' without")]
    [InlineData("/a/<int(min=1:x>", 7, "not closed")]
    [InlineData("/<a><b>", 4, "separated")]
    public void Malformed_rules_fail_with_the_position(string rule, int position, string message)
    {
        var e = Should.Throw<RuleSyntaxException>(() => Table(rule));
        e.Position.ShouldBe(position);
        e.Message.ShouldContain(message);
        e.Message.ShouldContain(rule);
    }
}
