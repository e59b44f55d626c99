using System.Net;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Testing;

public class SessionAndEmbeddingTests
{
    private static MicroWebApp Counter(string? key = "clave-secreta-de-prueba", CapturingLogger? log = null)
    {
        var app = new MicroWebApp(new MicroWebOptions { Name = "t", SecretKey = key, Logger = log ?? new CapturingLogger() });
        app.Get("/contar", () => { var n = Web.Session.Get<int>("visitas") + 1; Web.Session.Set("visitas", n); return n.ToString(); });
        app.Get("/olvidar", () => { Web.Session.Clear(); return "ok"; });
        return app;
    }

    [Fact]
    public async Task The_session_survives_requests_and_any_instance_with_the_key_reads_it()
    {
        var client = Counter().TestClient();
        (await client.GetAsync("/contar")).Text.ShouldBe("1");
        (await client.GetAsync("/contar")).Text.ShouldBe("2");
        var cookie = client.Cookies["session"];

        var other = Counter().TestClient();
        (await other.GetAsync("/contar", new Dictionary<string, string> { ["Cookie"] = $"session={cookie}" })).Text.ShouldBe("3");

        var response = await client.GetAsync("/olvidar");
        response.Headers["Set-Cookie"]!.ShouldContain("Max-Age=0");
        client.Cookies.ContainsKey("session").ShouldBeFalse();
        (await client.GetAsync("/contar")).Text.ShouldBe("1");
    }

    [Fact]
    public async Task A_tampered_or_foreign_session_is_empty()
    {
        var client = Counter().TestClient();
        await client.GetAsync("/contar");
        var cookie = client.Cookies["session"];
        var payload = cookie[..cookie.IndexOf('.')];
        var forged = Convert.ToBase64String("{\"visitas\":99}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_') + cookie[cookie.IndexOf('.')..];
        payload.ShouldNotBe(forged[..forged.IndexOf('.')]);

        var fresh = Counter().TestClient();
        (await fresh.GetAsync("/contar", new Dictionary<string, string> { ["Cookie"] = $"session={forged}" })).Text.ShouldBe("1");
        var otherKey = Counter("otra-clave").TestClient();
        (await otherKey.GetAsync("/contar", new Dictionary<string, string> { ["Cookie"] = $"session={cookie}" })).Text.ShouldBe("1");
        (await fresh.GetAsync("/contar", new Dictionary<string, string> { ["Cookie"] = "session=%%%garbage" })).Text.ShouldBe("1");
    }

    [Fact]
    public async Task Without_a_secret_key_the_session_fails_clearly()
    {
        var log = new CapturingLogger();
        var response = await Counter(key: null, log).TestClient().GetAsync("/contar");
        response.StatusCode.ShouldBe(500);
        log.Entries.ShouldContain(e => e.Exception!.Message.Contains("SecretKey"));
    }

    public sealed class Saludo(string greeting)
    {
        [Route("/saludo")]
        public string Decir() => greeting;
    }

    [Fact]
    public async Task Embedding_with_options_several_urls_ephemeral_ports_and_a_handler_factory()
    {
        var options = new MicroWebOptions
        {
            Name = "embebida",
            Logger = new CapturingLogger(),
            HandlerFactory = type => type == typeof(Saludo) ? new Saludo("desde la fábrica") : Activator.CreateInstance(type)!,
        };
        options.Urls.Add("http://127.0.0.1:0/");
        options.Urls.Add("http://localhost:0/");
        var app = new MicroWebApp(options).AddRoutes<Saludo>();
        app.Get("/x/<int:id>", (int id) => new { id });
        await app.StartAsync(CancellationToken.None);
        try
        {
            app.Urls.Count.ShouldBe(2);
            app.Urls.ShouldAllBe(u => !u.EndsWith(":0/"));
            using var http = new HttpClient();
            foreach (var url in app.Urls)
            {
                (await http.GetStringAsync(url + "saludo")).ShouldBe("desde la fábrica");
                (await http.GetStringAsync(url + "x/5")).ShouldBe("{\"id\":5}");
            }
        }
        finally
        {
            await app.StopAsync();
        }
        await Should.ThrowAsync<OperationCanceledException>(() => new MicroWebApp("c").StartAsync(new CancellationToken(canceled: true)));
    }
}
