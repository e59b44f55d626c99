using MicroWeb.Routing;
using MicroWeb.Routing.Converters;

namespace MicroWeb.Tests.Routing;

/// <summary>Werkzeug's TestSubdomainMatching and TestHostMatching, and Flask's <c>subdomain=</c> through the app.</summary>
public class DomainMatchingTests
{
    private static RouteTable Table(bool hostMatching, params (string Rule, string? Domain, string Endpoint)[] rules)
    {
        var parser = new RuleParser(new ConverterRegistry());
        var table = new RouteTable { HostMatching = hostMatching };
        foreach (var (rule, domain, endpoint) in rules) table.Add(new Route(parser.Parse(rule, true, domain), endpoint, ["GET"]));
        return table;
    }

    private static string Outcome(RouteTable table, string path, string domain)
    {
        var m = table.Match("GET", path, domain);
        return m.Outcome == MatchOutcome.Found
            ? m.Route!.Endpoint + (m.Values.Length == 0 ? "" : " " + string.Join(", ", m.Route.ValueNames.Zip(m.Values, (n, v) => $"{n}={v}")))
            : m.Outcome.ToString();
    }

    [Fact] // TestSubdomainMatching
    public void Rules_match_their_subdomain_and_rules_without_one_the_server_name()
    {
        var table = Table(false, ("/", null, "index"), ("/", "static", "static"), ("/<word>", "<lang>", "lookup"));
        Outcome(table, "/", "").ShouldBe("index");
        Outcome(table, "/", "static").ShouldBe("static");
        Outcome(table, "/道具", "jp").ShouldBe("lookup lang=jp, word=道具");
        Outcome(table, "/", "jp").ShouldBe("NotFound");
        RequestDomain.Of("static.app.test", "http", "app.test", false).ShouldBe("static");
        RequestDomain.Of("STATIC.app.test:80", "http", "app.test", false).ShouldBe("static");
        RequestDomain.Of("app.test", "http", "app.test", false).ShouldBe("");
        RequestDomain.Of("static.other.test", "http", "app.test", false).ShouldBe(""); // Werkzeug 3.1: the default
    }

    [Fact] // TestHostMatching
    public void With_host_matching_rules_match_the_whole_host()
    {
        var table = Table(true, ("/", "app.test", "index"), ("/", "<lang>.app.test", "lang"), ("/page/", "app.<domain>", "page"));
        Outcome(table, "/", "app.test").ShouldBe("index");
        Outcome(table, "/", "somewhere.test").ShouldBe("NotFound");
        Outcome(table, "/", "en.app.test").ShouldBe("lang lang=en");
        Outcome(table, "/page/", "app.personal.test").ShouldBe("page domain=personal.test");
        Outcome(table, "/page", "app.other.test").ShouldBe("RedirectToSlash");
    }

    private static class Tenants
    {
        [Route("/")]
        public static string Home() => "home";

        [Route("/", Subdomain = "<tenant>")]
        public static string TenantHome(string tenant) => "tenant " + tenant;

        [Route("/users/<int:id>", Subdomain = "<tenant>")]
        public static string User(string tenant, int id) =>
            $"{tenant} {id} {Web.UrlFor("User", new { tenant, id = id + 1 })} {Web.UrlFor("User", new { tenant = "other", id })} {Web.UrlFor("Home")}";
    }

    [Fact]
    public async Task Tenants_on_subdomains_bind_the_subdomain_and_build_urls_for_the_right_host()
    {
        var app = new MicroWebApp("tenants") { Logger = new Support.CapturingLogger() };
        app.Config.ServerName = "example.test";
        app.AddRoutes(typeof(Tenants));
        var client = app.TestClient();
        (await client.GetAsync("/", new Dictionary<string, string> { ["Host"] = "example.test" })).Text.ShouldBe("home");
        (await client.GetAsync("/", new Dictionary<string, string> { ["Host"] = "acme.example.test" })).Text.ShouldBe("tenant acme");
        (await client.GetAsync("/users/7", new Dictionary<string, string> { ["Host"] = "acme.example.test" })).Text
            .ShouldBe("acme 7 /users/8 http://other.example.test/users/7 http://example.test/");
        (await client.GetAsync("/users/7", new Dictionary<string, string> { ["Host"] = "example.test" })).StatusCode.ShouldBe(404);
        app.UrlFor("TenantHome", new { tenant = "acme" }).ShouldBe("http://acme.example.test/");
        app.UrlFor("Home").ShouldBe("/");
    }
}
