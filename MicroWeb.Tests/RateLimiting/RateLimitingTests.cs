using MicroWeb.RateLimiting;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.RateLimiting;

/// <summary>
/// Rate limits per client address (the forwarded one behind trusted proxies): a request over the limit is 429 with
/// Retry-After; route, blueprint and app policies; fixed window, sliding window and token bucket.
/// </summary>
public sealed class RateLimitingTests
{
    private static Dictionary<string, string> ForwardedFor(string address) => new() { ["X-Forwarded-For"] = address };

    [Theory]
    [InlineData("fixed")]
    [InlineData("sliding")]
    [InlineData("bucket")]
    public async Task The_request_over_the_limit_is_429_with_retry_after(string kind)
    {
        var policy = kind switch
        {
            "fixed" => RateLimitPolicy.FixedWindow(2, TimeSpan.FromHours(1)),
            "sliding" => RateLimitPolicy.SlidingWindow(2, TimeSpan.FromHours(1), segments: 4),
            _ => RateLimitPolicy.TokenBucket(burst: 2, tokensPerPeriod: 1, period: TimeSpan.FromHours(1)),
        };
        var app = new MicroWebApp("t").UseRateLimiting(policy);
        app.Get("/", () => "ok");
        var client = app.TestClient();

        (await client.GetAsync("/")).StatusCode.ShouldBe(200);
        (await client.GetAsync("/")).StatusCode.ShouldBe(200);
        var refused = await client.GetAsync("/");
        refused.StatusCode.ShouldBe(429);
        var retryAfter = int.Parse(refused.Headers["Retry-After"]!);
        retryAfter.ShouldBeInRange(1, 3600);
    }

    [Fact]
    public async Task Each_client_address_has_its_own_count_behind_a_trusted_proxy()
    {
        var app = new MicroWebApp("t").UseRateLimiting(RateLimitPolicy.FixedWindow(1, TimeSpan.FromHours(1)));
        app.Config.TrustedProxies = 1;
        app.Get("/", () => "ok");
        var client = app.TestClient();

        (await client.GetAsync("/", ForwardedFor("203.0.113.1"))).StatusCode.ShouldBe(200);
        (await client.GetAsync("/", ForwardedFor("203.0.113.1"))).StatusCode.ShouldBe(429);
        (await client.GetAsync("/", ForwardedFor("203.0.113.2"))).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Route_policies_replace_the_blueprints_and_the_blueprints_the_apps()
    {
        var app = new MicroWebApp("t")
            .UseRateLimiting(RateLimitPolicy.FixedWindow(100, TimeSpan.FromHours(1)))
            .AddRateLimitPolicy("login", RateLimitPolicy.FixedWindow(1, TimeSpan.FromHours(1)));
        var api = new Blueprint("api", "/api") { RateLimit = RateLimitPolicy.FixedWindow(2, TimeSpan.FromHours(1)) };
        api.Get("/items", () => "items");
        app.Register(api);
        app.Post("/login", [RateLimit("login")] () => "welcome");
        app.Get("/", () => "home");
        var client = app.TestClient();

        (await client.PostAsync("/login", "")).StatusCode.ShouldBe(200);
        (await client.PostAsync("/login", "")).StatusCode.ShouldBe(429);
        (await client.GetAsync("/api/items")).StatusCode.ShouldBe(200);
        (await client.GetAsync("/api/items")).StatusCode.ShouldBe(200);
        (await client.GetAsync("/api/items")).StatusCode.ShouldBe(429);
        for (var i = 0; i < 5; i++) (await client.GetAsync("/")).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task A_partition_key_of_null_lets_the_request_through()
    {
        var app = new MicroWebApp("t").UseRateLimiting(RateLimitPolicy.FixedWindow(1, TimeSpan.FromHours(1),
            partitionBy: r => r.Headers["X-Api-Key"] == "internal" ? null : r.RemoteEndPoint?.Address.ToString()));
        app.Get("/", () => "ok");
        var client = app.TestClient();
        for (var i = 0; i < 3; i++) (await client.GetAsync("/", new Dictionary<string, string> { ["X-Api-Key"] = "internal" })).StatusCode.ShouldBe(200);
        (await client.GetAsync("/")).StatusCode.ShouldBe(200);
        (await client.GetAsync("/")).StatusCode.ShouldBe(429);
    }

    [Fact]
    public async Task A_limited_client_gets_429_over_the_socket_and_the_server_keeps_serving()
    {
        var app = new MicroWebApp("t").UseRateLimiting(RateLimitPolicy.TokenBucket(1, 1, TimeSpan.FromHours(1)));
        app.Get("/", () => "ok");
        await using var server = await LiveServer.StartAsync(app);

        (await server.GetAsync("/")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        var raw = await RawHttp.SendAsync(server.Port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        RawHttp.Status(raw).ShouldBe(429);
        raw.ShouldContain("Retry-After: ");
    }
}
