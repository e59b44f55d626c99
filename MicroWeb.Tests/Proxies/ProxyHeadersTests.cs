using MicroWeb.Http;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Proxies;

/// <summary>
/// Forwarded headers (Werkzeug's ProxyFix) and Host checks, through the in-memory client: what a handler, UrlFor
/// and redirects see with and without trusted proxies, and what a client that forges the headers gets.
/// </summary>
public class ProxyHeadersTests
{
    private static MicroWebApp App(int trustedProxies)
    {
        var app = new MicroWebApp("t");
        app.Config.TrustedProxies = trustedProxies;
        app.Get("/who", (Request r) => $"{r.Scheme}|{r.Host}|{r.RemoteEndPoint?.Address}|{r.PathBase}|{UrlFor("Who", external: true)}", endpoint: "Who");
        app.Get("/ruta/", () => "ruta", endpoint: "Ruta");
        app.Get("/go", () => Redirect(UrlFor("Ruta")), endpoint: "Go");
        return app;
    }

    private static Dictionary<string, string> Forwarded(string? @for = "203.0.113.7", string? proto = "https", string? host = "shop.example.test", string? prefix = null)
    {
        var headers = new Dictionary<string, string>();
        if (@for is not null) headers["X-Forwarded-For"] = @for;
        if (proto is not null) headers["X-Forwarded-Proto"] = proto;
        if (host is not null) headers["X-Forwarded-Host"] = host;
        if (prefix is not null) headers["X-Forwarded-Prefix"] = prefix;
        return headers;
    }

    [Fact]
    public async Task With_the_setting_off_forwarded_headers_are_ignored()
    {
        var response = await App(0).TestClient().GetAsync("/who", Forwarded(prefix: "/shop"));
        response.Text.ShouldBe("http|localhost|127.0.0.1||http://localhost/who");
    }

    [Fact]
    public async Task One_trusted_proxy_gives_scheme_host_client_address_and_prefix_to_the_request_and_to_UrlFor()
    {
        var response = await App(1).TestClient().GetAsync("/who", Forwarded(prefix: "/shop"));
        response.Text.ShouldBe("https|shop.example.test|203.0.113.7|/shop|https://shop.example.test/shop/who");
    }

    [Fact]
    public async Task Values_a_client_put_before_the_trusted_proxy_are_not_believed()
    {
        // The client sent "X-Forwarded-For: 6.6.6.6" and nginx appended the address it saw: only the last one counts.
        var response = await App(1).TestClient().GetAsync("/who", Forwarded(@for: "6.6.6.6, 203.0.113.7", proto: "http, https", host: "evil.test, shop.example.test"));
        response.Text.ShouldBe("https|shop.example.test|203.0.113.7||https://shop.example.test/who");
    }

    [Fact]
    public async Task Headers_with_fewer_values_than_trusted_proxies_are_ignored()
    {
        // Two proxies are trusted, but the header has one value: nobody trusted wrote it, so it is not believed.
        var response = await App(2).TestClient().GetAsync("/who", Forwarded(@for: "6.6.6.6", proto: "https", host: "evil.test"));
        response.Text.ShouldBe("http|localhost|127.0.0.1||http://localhost/who");
        // With two values, the one the outer trusted proxy wrote (second from the end) is taken.
        var two = await App(2).TestClient().GetAsync("/who", Forwarded(@for: "198.51.100.1, 10.0.0.2", proto: "https, http", host: "shop.example.test, internal"));
        two.Text.ShouldBe("https|shop.example.test|198.51.100.1||https://shop.example.test/who");
    }

    [Fact]
    public async Task The_prefix_reaches_redirects_built_with_UrlFor_and_strict_slash_redirects()
    {
        var client = App(1).TestClient();
        (await client.GetAsync("/go", Forwarded(prefix: "/shop"))).Location.ShouldBe("/shop/ruta/");
        var slash = await client.GetAsync("/ruta?x=1", Forwarded(prefix: "/shop/"));
        slash.StatusCode.ShouldBe(308);
        slash.Location.ShouldBe("/shop/ruta/?x=1");
        // Without the setting the prefix is not believed.
        (await App(0).TestClient().GetAsync("/ruta", Forwarded(prefix: "/shop"))).Location.ShouldBe("/ruta/");
    }

    [Theory]
    [InlineData("//evil.test")]
    [InlineData("https://evil.test")]
    [InlineData("/a b")]
    [InlineData("/x?y")]
    [InlineData("shop")]
    public async Task A_prefix_that_is_not_a_plain_path_is_ignored(string prefix)
    {
        (await App(1).TestClient().GetAsync("/go", Forwarded(prefix: prefix))).Location.ShouldBe("/ruta/");
    }

    [Fact]
    public async Task The_standard_Forwarded_header_is_read_when_no_X_Forwarded_header_is_there()
    {
        var client = App(1).TestClient();
        var response = await client.GetAsync("/who", new Dictionary<string, string>
        {
            ["Forwarded"] = "for=6.6.6.6;host=evil.test, for=\"[2001:db8::7]:4711\";proto=https;host=shop.example.test",
        });
        response.Text.ShouldBe("https|shop.example.test|2001:db8::7||https://shop.example.test/who");
        // A client's Forwarded header does not override what the proxy wrote in X-Forwarded-*.
        var mixed = await client.GetAsync("/who", new Dictionary<string, string>
        {
            ["Forwarded"] = "for=6.6.6.6;proto=http;host=evil.test",
            ["X-Forwarded-For"] = "203.0.113.7",
            ["X-Forwarded-Proto"] = "https",
            ["X-Forwarded-Host"] = "shop.example.test",
        });
        mixed.Text.ShouldBe("https|shop.example.test|203.0.113.7||https://shop.example.test/who");
    }

    [Fact]
    public async Task A_forwarded_port_replaces_the_port_of_the_host()
    {
        var headers = Forwarded(host: "shop.example.test:8080");
        headers["X-Forwarded-Port"] = "8443";
        (await App(1).TestClient().GetAsync("/who", headers)).Text.ShouldStartWith("https|shop.example.test:8443|");
    }

    [Theory]
    [InlineData("127.0.0.1:5000@evil.com")]
    [InlineData("a@b")]
    [InlineData("shop.example.test/path")]
    [InlineData("shop example")]
    [InlineData("shop.example.test:99999")]
    [InlineData("shop.example.test:80:80")]
    [InlineData("[::1")]
    [InlineData("")]
    public async Task A_malformed_Host_is_400_before_any_handler_runs(string host)
    {
        var app = new MicroWebApp("t");
        var ran = false;
        app.BeforeRequest(_ => { ran = true; return null; });
        app.Get("/", () => "home");
        var response = await app.TestClient().GetAsync("/", new Dictionary<string, string> { ["Host"] = host });
        response.StatusCode.ShouldBe(400);
        ran.ShouldBeFalse();
    }

    [Fact]
    public async Task A_malformed_forwarded_host_is_400_too()
    {
        var response = await App(1).TestClient().GetAsync("/who", Forwarded(host: "shop.example.test@evil.com"));
        response.StatusCode.ShouldBe(400);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("[::1]:5000")]
    [InlineData("shop.example.test")]
    [InlineData("my_host.internal:80")]
    public async Task Well_formed_hosts_are_served(string host)
    {
        var app = new MicroWebApp("t");
        app.Get("/", () => "home");
        (await app.TestClient().GetAsync("/", new Dictionary<string, string> { ["Host"] = host })).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task With_trusted_hosts_other_hosts_get_400()
    {
        var app = new MicroWebApp("t");
        app.Config.TrustedHosts = ["shop.example.test", ".example.org"];
        app.Get("/", () => "home");
        var client = app.TestClient();
        async Task<int> Status(string host) => (await client.GetAsync("/", new Dictionary<string, string> { ["Host"] = host })).StatusCode;
        (await Status("shop.example.test")).ShouldBe(200);
        (await Status("SHOP.example.test:8080")).ShouldBe(200);
        (await Status("example.org")).ShouldBe(200);
        (await Status("www.example.org")).ShouldBe(200);
        (await Status("evil.test")).ShouldBe(400);
        (await Status("shop.example.test.evil.test")).ShouldBe(400);
        (await Status("evilexample.org")).ShouldBe(400);
    }

    [Fact]
    public async Task ServerName_makes_absolute_URLs_independent_of_the_request_and_refuses_other_hosts()
    {
        var app = App(0);
        app.Config.ServerName = "shop.example.test";
        var client = app.TestClient();
        (await client.GetAsync("/who", new Dictionary<string, string> { ["Host"] = "shop.example.test:5000" })).Text
            .ShouldEndWith("|http://shop.example.test/who");
        (await client.GetAsync("/who", new Dictionary<string, string> { ["Host"] = "evil.test" })).StatusCode.ShouldBe(400);
        (await client.GetAsync("/who", new Dictionary<string, string> { ["Host"] = "shop.example.test.evil.test" })).StatusCode.ShouldBe(400);
        // Its subdomains are its own (rules with a Subdomain match them).
        (await client.GetAsync("/who", new Dictionary<string, string> { ["Host"] = "acme.shop.example.test" })).StatusCode.ShouldBe(200);
    }

    [Fact]
    public void The_settings_load_from_variables_and_flags()
    {
        var config = new AppConfig();
        var environment = new Dictionary<string, string>
        {
            ["MICROWEB_TRUSTED_PROXIES"] = "1",
            ["MICROWEB_SERVER_NAME"] = "shop.example.test",
            ["MICROWEB_SHUTDOWN_TIMEOUT"] = "7.5",
            ["MICROWEB_MIN_RESPONSE_DATA_RATE"] = "100",
        };
        config.Load(["--trusted-hosts", "a.test, .b.test", "--min-response-data-rate-grace=2", "--shutdown-timeout", "8"], n => environment.GetValueOrDefault(n));
        config.TrustedProxies.ShouldBe(1);
        config.ServerName.ShouldBe("shop.example.test");
        config.ShutdownTimeout.ShouldBe(TimeSpan.FromSeconds(8)); // the flag wins over the variable
        config.MinResponseDataRate.ShouldBe(100);
        config.MinResponseDataRateGrace.ShouldBe(TimeSpan.FromSeconds(2));
        config.TrustedHosts.ShouldBe(["a.test", ".b.test"]);
        Should.Throw<ArgumentException>(() => new AppConfig().Load(["--trusted-proxies", "-1"]));
        Should.Throw<ArgumentException>(() => new AppConfig().Load(["--shutdown-timeout", "soon"]));
    }

    [Fact]
    public void Defaults_trust_no_proxy_and_stop_within_Dockers_grace()
    {
        var config = new AppConfig();
        config.TrustedProxies.ShouldBe(0);
        config.ShutdownTimeout.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        config.MinResponseDataRate.ShouldBe(240);
        config.MinResponseDataRateGrace.ShouldBe(TimeSpan.FromSeconds(5));
    }
}
