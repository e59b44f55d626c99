using MicroWeb.Routing;
using MicroWeb.Routing.Converters;
using static MicroWeb.Tests.Routing.RouterTestKit;

namespace MicroWeb.Tests.Routing;

/// <summary>Werkzeug's own routing tests (tests/test_routing.py), translated and replayed through MicroWeb's router.</summary>
public class WerkzeugParityTests
{
    [Fact] // test_basic_routing (without websockets), test_implicit_head, test_allowed_methods_querying, test_protocol_joining_bug
    public void Basic_routing_head_allowed_methods_and_colons()
    {
        var table = Table(R("/", "index"), R("/foo", "foo"), R("/bar/", "bar"), R("/get", "a", ["GET"]), R("/post", "b", ["POST"]));
        table.Outcome("/").ShouldBe("index");
        table.Outcome("/foo").ShouldBe("foo");
        table.Outcome("/bar/").ShouldBe("bar");
        table.Outcome("/bar").ShouldBe("redirect /bar/");
        table.Outcome("/blub").ShouldBe("404");
        table.Outcome("/get", "HEAD").ShouldBe("a");
        table.Outcome("/post", "HEAD").ShouldStartWith("405");

        // Flask adds OPTIONS to every rule, as MicroWeb does.
        var both = Table(R("/<foo>", "x", ["GET", "HEAD"]), R("/foo", "y", ["POST"]));
        both.AllowedMethods("/foo").ShouldBe(["GET", "HEAD", "OPTIONS", "POST"]);
        new UrlBuilder(both).Build("x", new Dictionary<string, object?> { ["foo"] = "x:y" }).ShouldBe("/x:y");
    }

    [Fact] // test_strict_slashes_leaves_dont_consume, with the map's strict_slashes=False given per rule
    public void Lenient_rules_match_with_and_without_their_slash_but_never_take_another_rules_url()
    {
        var table = Table(
            R("/path1", "leaf1", strict: false), R("/path1/", "branch1", strict: false),
            R("/path2", "leaf2", strict: false), R("/path2/", "branch2"),
            R("/path3", "leaf3"), R("/path3/", "branch3", strict: false),
            R("/path4", "leaf4", strict: false), R("/path4/", "branch4", strict: false),
            R("/path5", "leaf5", strict: false));
        table.Outcome("/path1").ShouldBe("leaf1");
        table.Outcome("/path1/").ShouldBe("branch1");
        table.Outcome("/path2").ShouldBe("leaf2");
        table.Outcome("/path2/").ShouldBe("branch2");
        table.Outcome("/path3").ShouldBe("leaf3");
        table.Outcome("/path3/").ShouldBe("branch3");
        table.Outcome("/path4").ShouldBe("leaf4");
        table.Outcome("/path4/").ShouldBe("branch4");
        table.Outcome("/path5/").ShouldBe("leaf5");
    }

    [Fact] // test_strict_slashes_false
    public void Lenient_rules_beat_a_path_rule_for_their_own_urls()
    {
        var table = Table(R("/path1", "leaf", strict: false), R("/path2/", "branch", strict: false),
            R("/<path:path>", "conv", strict: false));
        table.Outcome("/path1").ShouldBe("leaf");
        table.Outcome("/path1/").ShouldBe("leaf");
        table.Outcome("/path2").ShouldBe("branch");
        table.Outcome("/path2/").ShouldBe("branch");
        table.Outcome("/any").ShouldBe("conv path=any");
        table.Outcome("/any/").ShouldBe("conv path=any/");
    }

    [Fact] // test_strict_slashes_redirect
    public void Strict_rules_redirect_the_slashless_url_including_a_path_rule_ending_in_slash()
    {
        var table = Table(R("/bar/", "get", ["GET"]), R("/bar", "post", ["POST"]), R("/foo/", "foo", ["POST"]),
            R("/<path:var>/", "path", ["GET"]));
        table.Outcome("/bar/").ShouldBe("get");
        table.Outcome("/bar", "POST").ShouldBe("post");
        table.Outcome("/abc/").ShouldBe("path var=abc");
        table.Outcome("/a/b/c/").ShouldBe("path var=a/b/c");
        table.Outcome("/bar").ShouldBe("redirect /bar/");
        table.Outcome("/bar/", "POST").ShouldStartWith("405");
        table.Outcome("/foo", "POST").ShouldBe("redirect /foo/");
        table.Outcome("/abc").ShouldBe("redirect /abc/");
        table.Outcome("/a/b").ShouldBe("redirect /a/b/");
        table.Outcome("/abc//").ShouldBe("redirect /abc/"); // merged slashes, as Werkzeug's second pass

        var reversed = Table(R("/bar", "post", ["POST"]), R("/bar/", "get", ["GET"]));
        reversed.Outcome("/bar").ShouldBe("redirect /bar/");
        reversed.Outcome("/bar/", "POST").ShouldStartWith("405");
    }

    [Fact] // test_path
    public void Path_rules_with_text_after_the_path_beat_rules_of_whole_segment_variables()
    {
        var table = Table(
            R("/", "page", defaults: new { name = "FrontPage" }), R("/Special", "special"), R("/<int:year>", "year"),
            R("/<path:name>:foo", "foopage"), R("/<path:name>:<path:name2>", "twopage"), R("/<path:name>", "page"),
            R("/<path:name>/edit", "editpage"), R("/<path:name>/silly/<path:name2>", "sillypage"),
            R("/<path:name>/silly/<path:name2>/edit", "editsillypage"), R("/Talk:<path:name>", "talk"),
            R("/User:<username>", "user"), R("/User:<username>/<path:name>", "userpage"),
            R("/User:<username>/comment/<int:id>-<int:replyId>", "usercomment"), R("/Files/<path:file>", "files"),
            R("/<admin>/<manage>/<things>", "admin"));
        table.Outcome("/").ShouldBe("page name=FrontPage");
        table.Outcome("/FrontPage").ShouldBe("redirect /"); // the defaults of "/" are the canonical URL
        table.Outcome("/Special").ShouldBe("special");
        table.Outcome("/2007").ShouldBe("year year=2007");
        table.Outcome("/Some:foo").ShouldBe("foopage name=Some");
        table.Outcome("/Some:bar").ShouldBe("twopage name=Some, name2=bar");
        table.Outcome("/Some/Page").ShouldBe("page name=Some/Page");
        table.Outcome("/Some/Page/edit").ShouldBe("editpage name=Some/Page");
        table.Outcome("/Foo/silly/bar").ShouldBe("sillypage name=Foo, name2=bar");
        table.Outcome("/Foo/silly/bar/edit").ShouldBe("editsillypage name=Foo, name2=bar");
        table.Outcome("/Talk:Foo/Bar").ShouldBe("talk name=Foo/Bar");
        table.Outcome("/User:thomas").ShouldBe("user username=thomas");
        table.Outcome("/User:thomas/projects/werkzeug").ShouldBe("userpage username=thomas, name=projects/werkzeug");
        table.Outcome("/User:thomas/comment/123-456").ShouldBe("usercomment username=thomas, id=123, replyId=456");
        table.Outcome("/Files/downloads/werkzeug/0.2.zip").ShouldBe("files file=downloads/werkzeug/0.2.zip");
        table.Outcome("/Jerry/eats/cheese").ShouldBe("admin admin=Jerry, manage=eats, things=cheese");
    }

    [Fact] // test_path_weighting and test_greedy
    public void Path_weighting_prefers_literal_text_then_more_variables()
    {
        Table(R("/<path:path>/c", "simple"), R("/<path:path>/<a>/<b>", "complex")).Outcome("/a/b/c").ShouldBe("simple path=a/b");
        var greedy = Table(R("/foo", "foo"), R("/<path:bar>", "bar"), R("/<path:bar>/<path:blub>", "bar2"));
        greedy.Outcome("/foo").ShouldBe("foo");
        greedy.Outcome("/blub").ShouldBe("bar bar=blub");
        greedy.Outcome("/he/he").ShouldBe("bar2 bar=he, blub=he");
    }

    [Fact] // test_float_no_scientific, and 1.0 keeps its decimal point
    public void Floats_are_built_without_scientific_notation()
    {
        var table = Table(R("/<float:v>", "a"));
        var urls = new UrlBuilder(table);
        urls.Build("a", new Dictionary<string, object?> { ["v"] = 0.00001 }).ShouldBe("/0.00001");
        urls.Build("a", new Dictionary<string, object?> { ["v"] = 1e21 }).ShouldBe("/1000000000000000000000.0");
        urls.Build("a", new Dictionary<string, object?> { ["v"] = 2.5f }).ShouldBe("/2.5");
        table.Outcome("/0.00001").ShouldBe("a v=1E-05");
    }

    [Fact] // test_build_append_unknown_dict: query values as Werkzeug's url_encode writes them
    public void Query_values_are_formatted_as_werkzeug()
    {
        var urls = new UrlBuilder(Table(R("/q", "q")));
        urls.Build("q", new Dictionary<string, object?>
        {
            ["x"] = 1.0, ["tiny"] = 0.00001, ["flag"] = true, ["off"] = false, ["s"] = "a b+c/d?e&f", ["n"] = new[] { 1, 2 },
        }).ShouldBe("/q?x=1.0&tiny=0.00001&flag=True&off=False&s=a+b%2Bc/d?e%26f&n=1&n=2");
    }

    [Fact] // test_no_duplicate_head_options, test_duplicate_options_exact, test_duplicate_method_overlap
    public void Rules_sharing_only_head_or_options_are_not_duplicates()
    {
        Should.NotThrow(() => Table(R("/", "a", ["GET", "OPTIONS"]), R("/", "b", ["POST", "OPTIONS"])));
        Should.NotThrow(() => Table(R("/", "get", ["GET"]), R("/", "head", ["HEAD"]), R("/", "options", ["OPTIONS"])));
        Should.Throw<InvalidOperationException>(() => Table(R("/", "a", ["HEAD", "OPTIONS"]), R("/", "b", ["HEAD", "OPTIONS"])));
        Should.Throw<InvalidOperationException>(() => Table(R("/", "a", ["GET", "POST"]), R("/", "b", ["POST", "PUT"])))
            .Message.ShouldContain("POST");
    }

    [Fact]
    public void A_rule_declaring_head_or_options_is_not_shadowed_by_an_automatic_one()
    {
        var table = Table(R("/", "get", ["GET"]), R("/", "head", ["HEAD"]), R("/", "options", ["OPTIONS"]));
        table.Outcome("/").ShouldBe("get");
        table.Outcome("/", "HEAD").ShouldBe("head");
        table.Outcome("/", "OPTIONS").ShouldBe("options");
    }

    private sealed class SizeConverter : RouteConverter
    {
        public override string Pattern => @"(\d+)x(\d+)";
        public override bool TryConvert(string text, out object? value)
        {
            value = text;
            return System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d+x\d+$");
        }
    }

    private sealed class TwoConverter : RouteConverter
    {
        public override string Pattern => @"\w\w+/\w\w+"; // names '/', so it spans segments, as Werkzeug infers
        public override bool TryConvert(string text, out object? value)
        {
            value = text.Split('/');
            return System.Text.RegularExpressions.Regex.IsMatch(text, @"^\w\w+/\w\w+$");
        }
    }

    [Fact] // test_converter_with_tuples, test_nested_regex_groups
    public void Converter_patterns_may_have_groups_and_span_segments_when_they_name_a_slash()
    {
        var converters = new ConverterRegistry();
        converters.Add("size", _ => new SizeConverter());
        converters.Add("two", _ => new TwoConverter());
        var table = Table(converters, R("/img/<size:s>-<int:n>.png", "img"), R("/<two:foo>/", "two"), R("/r/<two:x>/end", "r"));
        table.Outcome("/img/10x20-3.png").ShouldBe("img s=10x20, n=3");
        table.Match("GET", "/qwert/yuiop/")["foo"].ShouldBe(new[] { "qwert", "yuiop" });
        table.Outcome("/qwert/yuiop").ShouldBe("redirect /qwert/yuiop/");
        table.Match("GET", "/r/ab/cd/end")["x"].ShouldBe(new[] { "ab", "cd" });
        new StringConverter(ConverterArguments.Empty).MatchesSlashes.ShouldBeFalse();
        new PathConverter(ConverterArguments.Empty).MatchesSlashes.ShouldBeTrue();
    }

    [Fact] // test_merge_slashes_match, test_merge_slash_encoding
    public void Repeated_slashes_redirect_to_the_merged_path_unless_the_rule_says_not_to()
    {
        var table = Table(R("/no/tail", "no_tail"), R("/yes/tail/", "yes_tail"), R("/with/<path:path>", "with_path"),
            R("/no//merge", "no_merge", merge: false), R("/no/merging", "no_merging", merge: false), R("/merge/<some>/path", "m"));
        table.Outcome("/no//tail").ShouldBe("redirect /no/tail");
        table.Outcome("/yes//tail").ShouldBe("redirect /yes/tail/");
        table.Outcome("/yes/tail//").ShouldBe("redirect /yes/tail/");
        table.Outcome("//yes///tail////").ShouldStartWith("redirect");
        table.Outcome("/no/tail").ShouldBe("no_tail");
        table.Outcome("/yes/tail/").ShouldBe("yes_tail");
        table.Outcome("/with/http://example.com/").ShouldBe("with_path path=http://example.com/");
        table.Outcome("/with/x//y").ShouldBe("with_path path=x//y");
        table.Outcome("/no//merge").ShouldBe("no_merge");
        table.Outcome("/no/merging").ShouldBe("no_merging");
        table.Outcome("/no//merging").ShouldBe("404");
        table.Outcome("/merge/%//path").ShouldBe("redirect /merge/%25/path");

        var off = new RouteTable { MergeSlashes = false };
        off.Add(new Route(new RuleParser(new ConverterRegistry()).Parse("/a/b"), "ab", ["GET"]));
        off.Outcome("/a//b").ShouldBe("404");
    }

    [Fact] // test_merge_slashes_build
    public void A_merging_rule_builds_merged_and_a_non_merging_one_as_written()
    {
        var table = Table(R("/yes//merge", "yes_merge"), R("/no//merge", "no_merge", merge: false));
        var urls = new UrlBuilder(table);
        urls.Build("yes_merge").ShouldBe("/yes/merge");
        urls.Build("no_merge").ShouldBe("/no//merge");
    }

    [Fact] // test_defaults
    public void Defaults_give_the_canonical_url_and_redirect_the_other_rule()
    {
        var table = Table(R("/foo/", "foo", defaults: new { page = 1 }), R("/foo/<int:page>", "foo"));
        var urls = new UrlBuilder(table);
        table.Outcome("/foo/").ShouldBe("foo page=1");
        table.Outcome("/foo/1").ShouldBe("redirect /foo/");
        table.Outcome("/foo/2").ShouldBe("foo page=2");
        urls.Build("foo").ShouldBe("/foo/");
        urls.Build("foo", new Dictionary<string, object?> { ["page"] = 1 }).ShouldBe("/foo/");
        urls.Build("foo", new Dictionary<string, object?> { ["page"] = 2 }).ShouldBe("/foo/2");

        var noRedirect = Table(R("/foo/", "foo", defaults: new { page = 1 }), R("/foo/<int:page>", "foo"));
        noRedirect.RedirectDefaults = false;
        noRedirect.Outcome("/foo/1").ShouldBe("foo page=1");
    }

    [Fact] // test_multiple_converters_per_part, test_static_regex_escape
    public void Several_variables_share_a_segment_and_literal_text_is_escaped()
    {
        Table(R("/v<int:major>.<int:minor>", "version")).Outcome("/v1.2").ShouldBe("version major=1, minor=2");
        var dotted = Table(R("/.<int:value>", "dotted"));
        dotted.Outcome("/.2").ShouldBe("dotted value=2");
        dotted.Outcome("/a2").ShouldBe("404");
    }

    [Fact]
    public void Several_string_variables_in_a_segment_match_greedily_as_a_backtracking_regex_would()
    {
        var table = Table(R("/r/<a>-<b>-<c>.json", "r"));
        table.Outcome("/r/x-y-z.json").ShouldBe("r a=x, b=y, c=z");
        table.Outcome("/r/w-x-y-z.json").ShouldBe("r a=w-x, b=y, c=z");
        table.Outcome("/r/x-y.json").ShouldBe("404");
    }

    // Issue 20: with a backtracking regex, 8,150 dashes took 10 s of CPU; the linear engine takes milliseconds. The
    // deadline is generous (a hundred times what a loaded machine needs) and only catches the blow-up.
    [Fact]
    public async Task Several_variables_in_a_segment_match_any_path_under_the_url_limit_in_linear_time()
    {
        var table = Table(R("/r/<a>-<b>-<c>.json", "r"), R("/r/<a>-<b>-<c>-<d>-<e>.<f>", "r5"));
        var dashes = new string('-', 8_150);
        var paths = new[] { "/r/" + dashes, "/r/a" + dashes + "b", "/r/a" + dashes + ".json", "/r/" + dashes + ".x" };
        var work = Task.Run(() => paths.Select(p => table.Outcome(p)).ToArray());
        var outcomes = await work.WaitAsync(TimeSpan.FromSeconds(5)); // TimeoutException: the segment regex backtracks
        outcomes[0].ShouldBe("404");
        outcomes[2].ShouldStartWith("r5 "); // more literal pieces: tried first, as Werkzeug
        outcomes[3].ShouldStartWith("r5 ");
    }
}
