using System.Security.Cryptography;
using System.Text;
using MicroWeb.Http;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Sessions;

public class SessionSecurityTests
{
    private const string Key = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string NewKey = "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9";

    private static MicroWebApp App(ManualClock? clock = null, string key = Key, Action<AppConfig>? configure = null)
    {
        var app = new MicroWebApp(new MicroWebOptions { Name = "s", SecretKey = key, Logger = new CapturingLogger(), TimeProvider = clock });
        configure?.Invoke(app.Config);
        app.Get("/login/<name>", (string name) => { Web.Session["user"] = name; return "in"; });
        app.Get("/remember", () => { Web.Session.Permanent = true; return "kept"; });
        app.Get("/logout", () => { Web.Session.Clear(); return "out"; });
        app.Get("/me", () => Web.Session["user"] ?? "nobody");
        return app;
    }

    private static Dictionary<string, string> WithCookie(string value, string name = "session") => new() { ["Cookie"] = $"{name}={value}" };

    [Fact]
    public async Task A_cookie_captured_before_logout_stops_working_once_the_lifetime_is_over()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var client = App(clock).TestClient();
        await client.GetAsync("/login/alice");
        var captured = client.Cookies["session"];
        (await client.GetAsync("/logout")).Headers["Set-Cookie"]!.ShouldContain("Max-Age=0");
        (await client.GetAsync("/me")).Text.ShouldBe("nobody");

        var attacker = App(clock).TestClient();
        clock.Advance(TimeSpan.FromDays(30));
        (await attacker.GetAsync("/me", WithCookie(captured))).Text.ShouldBe("alice"); // signed cookies cannot be revoked early
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        (await attacker.GetAsync("/me", WithCookie(captured))).Text.ShouldBe("nobody");
    }

    [Fact]
    public async Task The_lifetime_is_a_setting_and_a_cookie_from_the_future_is_refused()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var app = App(clock, configure: c => c.Load(["--permanent-session-lifetime", "3600"], _ => null));
        var client = app.TestClient();
        await client.GetAsync("/login/bob");
        var cookie = client.Cookies["session"];
        clock.Advance(TimeSpan.FromMinutes(59));
        (await client.GetAsync("/me")).Text.ShouldBe("bob");
        clock.Advance(TimeSpan.FromMinutes(2));
        (await client.GetAsync("/me")).Text.ShouldBe("nobody");

        clock.Now -= TimeSpan.FromHours(3); // the server's clock now lags far behind the one that signed
        (await App(clock).TestClient().GetAsync("/me", WithCookie(cookie))).Text.ShouldBe("nobody");
    }

    [Fact]
    public async Task A_permanent_session_sets_Expires_and_a_plain_one_lasts_until_the_browser_closes()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var client = App(clock).TestClient();
        var plain = (await client.GetAsync("/login/ana")).Headers["Set-Cookie"]!;
        plain.ShouldNotContain("Expires");
        plain.ShouldContain("HttpOnly");
        plain.ShouldContain("SameSite=Lax");

        var permanent = (await client.GetAsync("/remember")).Headers["Set-Cookie"]!;
        permanent.ShouldContain("Expires=Fri, 01 Jan 2027 09:00:00 GMT"); // 31 days later
        (await client.GetAsync("/me")).Text.ShouldBe("ana");

        // A permanent session is sent again on each visit, so its lifetime counts from the last one.
        clock.Advance(TimeSpan.FromDays(20));
        (await client.GetAsync("/me")).Headers["Set-Cookie"]!.ShouldContain("Expires=Thu, 21 Jan 2027 09:00:00 GMT");
        clock.Advance(TimeSpan.FromDays(20));
        (await client.GetAsync("/me")).Text.ShouldBe("ana");

        var cleared = (await client.GetAsync("/logout")).Headers["Set-Cookie"]!;
        cleared.ShouldContain("Max-Age=0");
    }

    [Fact]
    public async Task Fallback_keys_verify_old_cookies_and_only_the_current_key_signs()
    {
        var old = App().TestClient();
        await old.GetAsync("/login/carla");
        var signedWithOldKey = old.Cookies["session"];

        var rotated = App(key: NewKey, configure: c => c.SecretKeyFallbacks = [Key]).TestClient();
        (await rotated.GetAsync("/me", WithCookie(signedWithOldKey))).Text.ShouldBe("carla");
        await rotated.GetAsync("/login/dora");
        var signedAfterRotation = rotated.Cookies["session"];

        (await App(key: NewKey).TestClient().GetAsync("/me", WithCookie(signedAfterRotation))).Text.ShouldBe("dora");
        (await App(key: Key).TestClient().GetAsync("/me", WithCookie(signedAfterRotation))).Text.ShouldBe("nobody");
        (await App(key: NewKey).TestClient().GetAsync("/me", WithCookie(signedWithOldKey))).Text.ShouldBe("nobody");
    }

    [Fact]
    public async Task The_signing_key_is_derived_so_an_HMAC_with_the_raw_secret_does_not_verify()
    {
        var client = App().TestClient();
        await client.GetAsync("/login/eve");
        var parts = client.Cookies["session"].Split('.');
        var payload = Base64UrlOf("{\"user\":\"admin\"}"u8.ToArray()) + "." + parts[1];
        var withRawSecret = payload + "." + Base64UrlOf(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.ASCII.GetBytes(payload)));

        (await App().TestClient().GetAsync("/me", WithCookie(withRawSecret))).Text.ShouldBe("nobody");
    }

    private static string Base64UrlOf(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    [Fact]
    public async Task Cookie_options_come_from_code()
    {
        var client = App(configure: c =>
        {
            c.Session.CookieName = "sid";
            c.Session.Domain = "example.org";
            c.Session.Path = "/app";
            c.Session.Secure = true;
            c.Session.HttpOnly = false;
            c.Session.SameSite = SameSiteMode.Strict;
        }).TestClient();
        var header = (await client.GetAsync("/login/fer")).Headers["Set-Cookie"]!;
        header.ShouldStartWith("sid=");
        header.ShouldContain("; Domain=example.org; Path=/app; Secure; SameSite=Strict");
        header.ShouldNotContain("HttpOnly");
        (await client.GetAsync("/me")).Text.ShouldBe("fer");
    }

    [Fact]
    public void Cookie_options_come_from_variables_and_flags()
    {
        var config = new AppConfig();
        var env = new Dictionary<string, string>
        {
            ["MICROWEB_SESSION_COOKIE_NAME"] = "__Host-s",
            ["MICROWEB_SESSION_COOKIE_SECURE"] = "1",
            ["MICROWEB_SESSION_COOKIE_SAMESITE"] = "strict",
            ["MICROWEB_SECRET_KEY_FALLBACKS"] = "old-one, older-one",
        };
        config.Load(["--session-cookie-httponly", "false", "--permanent-session-lifetime=600", "--session-cookie-path", "/x"], name => env.GetValueOrDefault(name));

        config.Session.CookieName.ShouldBe("__Host-s");
        config.Session.Secure.ShouldBeTrue();
        config.Session.SameSite.ShouldBe(SameSiteMode.Strict);
        config.Session.HttpOnly.ShouldBeFalse();
        config.Session.Path.ShouldBe("/x");
        config.PermanentSessionLifetime.ShouldBe(TimeSpan.FromMinutes(10));
        config.SecretKeyFallbacks.ShouldBe(["old-one", "older-one"]);
        Should.Throw<ArgumentException>(() => new AppConfig().Load(["--session-cookie-samesite", "sometimes"], _ => null)).Message.ShouldContain("sometimes");
    }

    [Fact]
    public async Task A_short_secret_key_stops_a_production_server_and_only_warns_in_debug()
    {
        var production = new MicroWebApp(new MicroWebOptions { SecretKey = "k", Logger = new CapturingLogger() });
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => production.StartAsync("127.0.0.1", 0));
        refused.Message.ShouldContain("openssl rand -hex 32");
        refused.Message.ShouldContain("32");

        var fallback = new MicroWebApp(new MicroWebOptions { SecretKey = Key, Logger = new CapturingLogger() });
        fallback.Config.SecretKeyFallbacks.Add("short");
        (await Should.ThrowAsync<InvalidOperationException>(() => fallback.StartAsync("127.0.0.1", 0))).Message.ShouldContain("SecretKeyFallbacks");

        var log = new CapturingLogger();
        var debug = new MicroWebApp(new MicroWebOptions { SecretKey = "k", Debug = true, Logger = log });
        await debug.StartAsync("127.0.0.1", 0);
        await debug.StopAsync();
        log.Entries.ShouldContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("openssl rand -hex 32"));

        var strong = new MicroWebApp(new MicroWebOptions { SecretKey = Key, Logger = new CapturingLogger() });
        await strong.StartAsync("127.0.0.1", 0);
        await strong.StopAsync();
    }

    [Fact]
    public async Task The_session_reserves_the_permanent_flag_and_a_read_session_varies_on_Cookie()
    {
        var client = App().TestClient();
        (await client.GetAsync("/me")).Headers["Vary"].ShouldBe("Cookie");
        await client.GetAsync("/remember");
        var app = App();
        app.Get("/keys", () => string.Join(",", Web.Session.Select(kv => kv.Key)) + "|" + Web.Session.Count);
        (await app.TestClient().GetAsync("/keys", WithCookie(client.Cookies["session"]))).Text.ShouldBe("|0");
        Should.Throw<ArgumentException>(() => new Session([]).Set(Session.PermanentKey, 1));
    }
}
