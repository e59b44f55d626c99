using MicroWeb.Routing;
using static MicroWeb.Tests.Routing.RouterTestKit;

namespace MicroWeb.Tests.Routing;

public class MatchingOrderTests
{
    [Fact]
    public void Static_segment_beats_a_converter_whatever_the_declaration_order()
    {
        var a = Table("/ruta/<variable>", "/ruta/especial");
        var b = Table("/ruta/especial", "/ruta/<variable>");
        foreach (var table in new[] { a, b })
        {
            table.Endpoint("/ruta/especial").ShouldBe("/ruta/especial");
            table.Endpoint("/ruta/otra").ShouldBe("/ruta/<variable>");
        }
    }

    [Fact]
    public void Int_beats_string_and_path_loses_to_everything()
    {
        var table = Table("/a/<path:p>", "/a/<s>", "/a/<int:n>", "/a/<float:f>", "/a/<uuid:u>");
        table.Endpoint("/a/42").ShouldBe("/a/<int:n>");
        table.Endpoint("/a/4.2").ShouldBe("/a/<float:f>");
        table.Endpoint("/a/6f9619ff-8b86-d011-b42d-00c04fc964ff").ShouldBe("/a/<uuid:u>");
        table.Endpoint("/a/word").ShouldBe("/a/<s>");
        table.Endpoint("/a/x/y").ShouldBe("/a/<path:p>");
    }

    [Fact]
    public void Any_beats_string()
    {
        var table = Table("/p/<s>", "/p/<any(about, help):page>");
        table.Endpoint("/p/help").ShouldBe("/p/<any(about, help):page>");
        table.Endpoint("/p/other").ShouldBe("/p/<s>");
    }

    [Fact]
    public void More_static_segments_first_and_backtracking_finds_the_other_branch()
    {
        var table = Table("/<a>/edit", "/user/<b>");
        table.Endpoint("/user/edit").ShouldBe("/user/<b>");
        table.Endpoint("/page/edit").ShouldBe("/<a>/edit");
        // static branch "user" fails deeper; the matcher backtracks into <a>.
        var t2 = Table("/user/<int:id>", "/<name>/<x>");
        t2.Endpoint("/user/abc").ShouldBe("/<name>/<x>");
    }

    [Fact]
    public void Segment_with_literal_text_beats_a_bare_variable()
    {
        var table = Table("/f/<name>", "/f/<name>.txt");
        table.Endpoint("/f/readme.txt").ShouldBe("/f/<name>.txt");
        table.Endpoint("/f/readme").ShouldBe("/f/<name>");
    }

    [Fact]
    public void Path_variable_followed_by_text_matches_the_rest()
    {
        var table = Table("/wiki/<path:page>/edit", "/wiki/<path:page>");
        table.Endpoint("/wiki/a/b/edit").ShouldBe("/wiki/<path:page>/edit");
        table.Match("GET", "/wiki/a/b/edit")["page"].ShouldBe("a/b");
        table.Endpoint("/wiki/a/b").ShouldBe("/wiki/<path:page>");
    }

    [Fact]
    public void A_converter_rejecting_a_value_lets_the_next_rule_match()
    {
        var table = Table("/n/<int(max=10):small>", "/n/<other>");
        table.Endpoint("/n/5").ShouldBe("/n/<int(max=10):small>");
        table.Endpoint("/n/50").ShouldBe("/n/<other>");
    }

    [Fact]
    public void Listing_in_match_order_puts_static_before_dynamic()
    {
        var table = Table("/b/<x>", "/b/<int:y>", "/b/c", "/a");
        table.InMatchOrder().Select(r => r.Rule).ShouldBe(["/a", "/b/c", "/b/<int:y>", "/b/<x>"]);
    }

    [Fact]
    public void Identical_rules_for_the_same_method_are_a_startup_error()
    {
        var e = Should.Throw<InvalidOperationException>(() => Table("/a/<x>", "/a/<y>"));
        e.Message.ShouldContain("/a/<x>");
        e.Message.ShouldContain("/a/<y>");
        Should.NotThrow(() => Table("GET /a/<x>", "POST /a/<y>"));
    }
}
