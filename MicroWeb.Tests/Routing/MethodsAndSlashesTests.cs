using MicroWeb.Routing;
using static MicroWeb.Tests.Routing.RouterTestKit;

namespace MicroWeb.Tests.Routing;

public class MethodsAndSlashesTests
{
    [Fact]
    public void Get_rules_answer_head_and_options_automatically()
    {
        var route = Table("/x").Routes[0];
        route.Methods.ShouldBe(["GET", "HEAD", "OPTIONS"], ignoreOrder: true);
        Table("/x").Endpoint("/x", "HEAD").ShouldBe("/x");
    }

    [Fact]
    public void Wrong_method_is_method_not_allowed_with_every_allowed_method()
    {
        var table = Table("POST /enviar", "PUT /enviar", "GET /otro");
        var match = table.Match("DELETE", "/enviar");
        match.Outcome.ShouldBe(MatchOutcome.MethodNotAllowed);
        match.AllowedMethods.ShouldBe(["OPTIONS", "POST", "PUT"]);
        table.Match("FOOBAR", "/otro").Outcome.ShouldBe(MatchOutcome.MethodNotAllowed);
        table.Match("GET", "/nada").Outcome.ShouldBe(MatchOutcome.NotFound);
    }

    [Fact]
    public void A_rule_ending_in_slash_redirects_the_slashless_url()
    {
        var table = Table("/ruta/", "/<x>");
        table.Match("GET", "/ruta").Outcome.ShouldBe(MatchOutcome.RedirectToSlash);
        table.Endpoint("/ruta/").ShouldBe("/ruta/");
    }

    [Fact]
    public void A_rule_without_slash_does_not_match_a_url_with_one()
    {
        var table = Table("/blog");
        table.Match("GET", "/blog/").Outcome.ShouldBe(MatchOutcome.NotFound);
    }

    [Fact]
    public void Root_matches_only_root()
    {
        var table = Table("/", "/a");
        table.Endpoint("/").ShouldBe("/");
        table.Endpoint("/a").ShouldBe("/a");
        // As Werkzeug's merge_slashes: "//" is "/" with a slash too many, redirected there.
        table.Outcome("//").ShouldBe("redirect /");
        new RouteTable { MergeSlashes = false }.Match("GET", "//").Outcome.ShouldBe(MatchOutcome.NotFound);
    }
}
