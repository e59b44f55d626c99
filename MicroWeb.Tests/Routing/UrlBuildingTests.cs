using MicroWeb.Http;
using MicroWeb.Routing;
using static MicroWeb.Tests.Routing.RouterTestKit;

namespace MicroWeb.Tests.Routing;

public class UrlBuildingTests
{
    private static string Build(RouteTable table, string endpoint, object values) =>
        new UrlBuilder(table).Build(endpoint, PropertyValues.FromObject(values));

    [Fact]
    public void Values_not_in_the_rule_go_to_the_query_string_encoded()
    {
        var table = Table("/invitado/<invitado>");
        Build(table, "/invitado/<invitado>", new { invitado = "ana maría?#", page = 2, q = "a&b=c" })
            .ShouldBe("/invitado/ana%20mar%C3%ADa%3F%23?page=2&q=a%26b%3Dc");
        // A value the rule could never match back (a slash in a string variable) is refused, not silently mangled.
        Should.Throw<UrlBuildException>(() => Build(table, "/invitado/<invitado>", new { invitado = "a/b" }));
    }

    [Fact]
    public void Path_values_keep_their_slashes()
    {
        var table = Table("/archivos/<path:ruta>");
        Build(table, "/archivos/<path:ruta>", new { ruta = "docs/a b.txt" }).ShouldBe("/archivos/docs/a%20b.txt");
    }

    [Fact]
    public void Missing_and_unconvertible_values_name_the_endpoint_and_the_value()
    {
        var table = Table("/blog/<int:id>");
        var missing = Should.Throw<UrlBuildException>(() => Build(table, "/blog/<int:id>", new { }));
        missing.Message.ShouldContain("'/blog/<int:id>'");
        missing.Message.ShouldContain("'id'");
        var bad = Should.Throw<UrlBuildException>(() => Build(table, "/blog/<int:id>", new { id = "abc" }));
        bad.Message.ShouldContain("abc");
        Should.Throw<UrlBuildException>(() => Build(table, "nope", new { })).Message.ShouldContain("no endpoint named 'nope'");
    }

    [Fact]
    public void Ints_are_padded_to_fixed_digits_and_floats_keep_a_decimal_point()
    {
        var table = Table("/n/<int(fixed_digits=4):n>", "/f/<float:x>");
        Build(table, "/n/<int(fixed_digits=4):n>", new { n = 42 }).ShouldBe("/n/0042");
        Build(table, "/f/<float:x>", new { x = 3.0 }).ShouldBe("/f/3.0");
    }

    // The round-trip property: for every rule, build a URL from values, match it, get the endpoint and values back.
    [Fact]
    public void Building_then_matching_gives_back_the_endpoint_and_the_values()
    {
        string[] rules =
        [
            "/", "/ruta/", "/ruta/especial", "/ruta/<variable>", "/blog/<int:publicacionId>", "/archivos/<path:ruta>",
            "/archivos/<int:numero>", "/precio/<float:valor>", "/pedido/<uuid:pedido_id>", "/p/<any(about, help):page>",
            "/f/<name>.<ext>", "/n/<int(min=5, max=500):n>/<string(length=3):code>", "/s/<int(signed=True):d>",
            "/wiki/<path:page>/edit",
        ];
        var table = Table(rules);
        var builder = new UrlBuilder(table);
        var random = new Random(1234);
        var text = "abcñé xyz-_.~%&=+?#@!";
        string Word(bool allowSlash = false)
        {
            var len = random.Next(1, 8);
            var chars = Enumerable.Range(0, len).Select(_ => text[random.Next(text.Length)]).ToArray();
            if (allowSlash && len > 2) chars[1] = '/';
            var s = new string(chars);
            return s is "." or ".." ? "x" + s : s;
        }

        foreach (var route in table.Routes)
        {
            for (var i = 0; i < 50; i++)
            {
                var values = new Dictionary<string, object?>();
                foreach (var v in route.Parsed.Variables)
                {
                    values[v.Name] = v.Spec switch
                    {
                        "int" => (long)random.Next(0, 100000),
                        "int(min=5, max=500)" => (long)random.Next(5, 501),
                        "int(signed=True)" => (long)random.Next(-1000, 1000),
                        "float" => Math.Round(random.NextDouble() * 1000, 3) + 0.5,
                        "uuid" => Guid.NewGuid(),
                        "any(about, help)" => random.Next(2) == 0 ? "about" : "help",
                        "string(length=3)" => new string('a', 3),
                        "path" => Word(allowSlash: true).TrimStart('/') is { Length: > 0 } p ? p : "p",
                        _ => Word().Replace(".", "_"), // keep "<name>.<ext>" unambiguous
                    };
                }
                var url = builder.Build(route.Endpoint, values);
                var pathOnly = url.Split('?')[0];
                UrlEncoding.TryDecode(pathOnly, plusIsSpace: false, out var decoded).ShouldBeTrue();
                var match = table.Match("GET", decoded);
                match.Outcome.ShouldBe(MatchOutcome.Found, $"{route.Rule} built {url}");
                var expectedEndpoint = route.Endpoint;
                // "/archivos/<path:ruta>" with an all-digit value is taken by the more specific int rule, as in Flask.
                if (route.Rule == "/archivos/<path:ruta>" && long.TryParse((string)values["ruta"]!, out _)) continue;
                match.Route!.Endpoint.ShouldBe(expectedEndpoint, $"{url}");
                foreach (var (name, value) in values) match[name].ShouldBe(value, $"{url} {name}");
            }
        }
    }

    // app.UrlFor and Web.UrlFor take the same arguments and give the same URLs, inside a request and out.
    [Fact]
    public async Task App_and_helper_build_the_same_urls_and_external_ones_need_a_host()
    {
        var app = new MicroWebApp("t");
        app.Get("/ver/<int:id>", (int id) => $"{app.UrlFor("Ver", new { id }, external: true)} {Web.UrlFor("Ver", new { id }, external: true)}", endpoint: "Ver");

        (await app.TestClient().GetAsync("/ver/3")).Text.ShouldBe("http://localhost/ver/3 http://localhost/ver/3");
        app.UrlFor("Ver", new { id = 4 }).ShouldBe("/ver/4");
        Should.Throw<InvalidOperationException>(() => app.UrlFor("Ver", new { id = 4 }, external: true)).Message.ShouldContain("ServerName");
        app.Config.ServerName = "shop.example.test";
        app.UrlFor("Ver", new { id = 4 }, external: true).ShouldBe("http://shop.example.test/ver/4");
    }
}
