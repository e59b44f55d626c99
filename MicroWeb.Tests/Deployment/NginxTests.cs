using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MicroWeb.Hosting;
using MicroWeb.Http;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Deployment;

/// <summary>
/// MicroWeb behind a real nginx, with the configuration shipped in deploy/nginx and with the two textbook ones that
/// used to get HttpListener's own 404: the Host header, proxy headers, two instances, a SIGTERM under load.
/// </summary>
public class NginxTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static async Task<(MicroWebApp App, CapturingLogger Log)> StartAppAsync(string name, int trustedProxies = 1)
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp(name) { Logger = log };
        app.Config.TrustedProxies = trustedProxies;
        app.Get("/", () => name, endpoint: "Index");
        app.Get("/who", (Request r) => $"{r.Scheme}|{r.Host}|{r.RemoteEndPoint?.Address}|{r.PathBase}|{UrlFor("Who", external: true)}", endpoint: "Who");
        app.Get("/ruta/", () => "ruta", endpoint: "Ruta");
        app.Get("/go", () => Redirect(UrlFor("Ruta")), endpoint: "Go");
        await app.StartAsync("127.0.0.1", 0);
        return (app, log);
    }

    private static int PortOf(MicroWebApp app) => new Uri(app.Urls[0]).Port;

    [NginxFact]
    public async Task The_shipped_config_passes_nginx_t()
    {
        var folder = Nginx.NewFolder();
        try
        {
            var site = Nginx.DeploySite(folder, ListenAddress.FreePort(), ListenAddress.FreePort(), ListenAddress.FreePort(), ListenAddress.FreePort());
            (await Nginx.TestConfigAsync(folder, site)).ShouldBeNull();
        }
        finally { Directory.Delete(folder, true); }
    }

    [NginxFact]
    public async Task The_textbook_Host_header_and_an_upstream_name_as_Host_both_reach_the_app()
    {
        var (a, _) = await StartAppAsync("A", trustedProxies: 0);
        var (b, _) = await StartAppAsync("B", trustedProxies: 0);
        try
        {
            var port = ListenAddress.FreePort();
            // `proxy_set_header Host $host;`: the app sees the public name.
            var textbook = $$"""
                server {
                    listen 127.0.0.1:{{port}};
                    location / { proxy_pass http://127.0.0.1:{{PortOf(a)}}; proxy_set_header Host $host; }
                }
                """;
            await using (await Nginx.StartAsync(Nginx.NewFolder(), textbook, port))
            {
                using var client = Nginx.Client();
                var response = await client.GetAsync($"http://shop.example.test:{port}/who");
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await response.Content.ReadAsStringAsync()).ShouldStartWith("http|shop.example.test|");
            }
            // An upstream block and no Host header set: nginx sends `Host: microweb`; both instances serve.
            var upstream = $$"""
                upstream microweb { server 127.0.0.1:{{PortOf(a)}}; server 127.0.0.1:{{PortOf(b)}}; }
                server {
                    listen 127.0.0.1:{{port}};
                    location / { proxy_pass http://microweb; }
                }
                """;
            await using (await Nginx.StartAsync(Nginx.NewFolder(), upstream, port))
            {
                using var client = Nginx.Client();
                var served = new List<string>();
                for (var i = 0; i < 6; i++)
                {
                    var response = await client.GetAsync($"http://127.0.0.1:{port}/");
                    response.StatusCode.ShouldBe(HttpStatusCode.OK);
                    served.Add(await response.Content.ReadAsStringAsync());
                }
                served.ShouldContain("A");
                served.ShouldContain("B");
                (await client.GetStringAsync($"http://127.0.0.1:{port}/who")).ShouldStartWith("http|microweb|");
            }
        }
        finally
        {
            await a.StopAsync();
            await b.StopAsync();
        }
    }

    [NginxFact]
    public async Task Behind_the_shipped_config_the_app_sees_https_the_public_host_and_the_client_address()
    {
        var (a, logA) = await StartAppAsync("A");
        var (b, logB) = await StartAppAsync("B");
        var folder = Nginx.NewFolder();
        try
        {
            int http = ListenAddress.FreePort(), https = ListenAddress.FreePort();
            await using var nginx = await Nginx.StartAsync(folder, Nginx.DeploySite(folder, http, https, PortOf(a), PortOf(b)), http, https);
            // The client connects from 127.0.0.2, so its address differs from nginx's (127.0.0.1), and forges headers.
            using var client = Nginx.Client("127.0.0.2");
            var request = new HttpRequestMessage(HttpMethod.Get, $"https://shop.example.com:{https}/who");
            request.Headers.Add("X-Forwarded-For", "6.6.6.6");
            request.Headers.Add("X-Forwarded-Host", "evil.test");
            request.Headers.Add("X-Forwarded-Prefix", "/evil");
            request.Headers.Add("Forwarded", "for=6.6.6.6;proto=http;host=evil.test");
            var who = await client.SendAsync(request);
            who.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await who.Content.ReadAsStringAsync()).ShouldBe("https|shop.example.com|127.0.0.2||https://shop.example.com/who");

            // Redirects: the app's own and the strict-slash one stay on https and the public host (relative Location).
            (await client.GetAsync($"https://shop.example.com:{https}/go")).Headers.Location!.OriginalString.ShouldBe("/ruta/");
            var slash = await client.GetAsync($"https://shop.example.com:{https}/ruta");
            ((int)slash.StatusCode).ShouldBe(308);
            slash.Headers.Location!.OriginalString.ShouldBe("/ruta/");

            // Plain HTTP is sent to HTTPS.
            var plain = await client.GetAsync($"http://shop.example.com:{http}/who");
            ((int)plain.StatusCode).ShouldBe(301);
            plain.Headers.Location!.OriginalString.ShouldBe("https://shop.example.com/who");

            // The access log of whichever instance served shows the client's address, not nginx's.
            var lines = logA.Entries.Concat(logB.Entries).Select(e => e.Message).Where(m => m.Contains("\"GET /who HTTP/1.1\" 200"));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!lines.Any() && DateTime.UtcNow < deadline) await Task.Delay(20);
            lines.ShouldNotBeEmpty();
            lines.ShouldAllBe(l => l.StartsWith("127.0.0.2 - - ["));
        }
        finally
        {
            await a.StopAsync();
            await b.StopAsync();
        }
    }

    [NginxFact]
    public async Task Under_a_path_prefix_UrlFor_and_redirects_carry_the_prefix()
    {
        var (a, _) = await StartAppAsync("A");
        try
        {
            var port = ListenAddress.FreePort();
            // The guide's snippet for an app mounted under /shop/ (docs/deploying.md).
            var site = $$"""
                server {
                    listen 127.0.0.1:{{port}};
                    location /shop/ {
                        proxy_pass http://127.0.0.1:{{PortOf(a)}}/;
                        include {{Nginx.ProxySnippet}};
                        proxy_set_header X-Forwarded-Prefix /shop;
                    }
                }
                """;
            await using var nginx = await Nginx.StartAsync(Nginx.NewFolder(), site, port);
            using var client = Nginx.Client();
            (await client.GetStringAsync($"http://shop.example.test:{port}/shop/who")).ShouldBe("http|shop.example.test|127.0.0.1|/shop|http://shop.example.test/shop/who");
            (await client.GetAsync($"http://shop.example.test:{port}/shop/go")).Headers.Location!.OriginalString.ShouldBe("/shop/ruta/");
            var slash = await client.GetAsync($"http://shop.example.test:{port}/shop/ruta?x=1");
            ((int)slash.StatusCode).ShouldBe(308);
            slash.Headers.Location!.OriginalString.ShouldBe("/shop/ruta/?x=1");
        }
        finally
        {
            await a.StopAsync();
        }
    }

    [NginxFact]
    public async Task A_SIGTERM_to_one_instance_under_load_loses_no_request_and_nginx_moves_to_the_other()
    {
        int portA = ListenAddress.FreePort(), portB = ListenAddress.FreePort();
        var environment = new Dictionary<string, string> { ["MICROWEB_TRUSTED_PROXIES"] = "1" };
        await using var a = await AppProcess.StartAsync(portA, environment: environment);
        await using var b = await AppProcess.StartAsync(portB, environment: environment);
        var folder = Nginx.NewFolder();
        int http = ListenAddress.FreePort(), https = ListenAddress.FreePort();
        await using var nginx = await Nginx.StartAsync(folder, Nginx.DeploySite(folder, http, https, portA, portB), http, https);
        var expected = await new HttpClient().GetStringAsync($"http://127.0.0.1:{portA}/");
        expected.ShouldNotBeEmpty();

        var outcomes = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var client = Nginx.Client();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await client.GetAsync($"https://shop.example.com:{https}/");
                    var body = await response.Content.ReadAsStringAsync();
                    outcomes.Enqueue(response.StatusCode == HttpStatusCode.OK && body == expected ? "ok" : $"{(int)response.StatusCode} '{body}'");
                }
                catch (HttpRequestException e)
                {
                    outcomes.Enqueue("failed: " + e.Message);
                }
            }
        })).ToArray();

        // Load on both, then SIGTERM to A in the middle of it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (outcomes.Count < 200 && DateTime.UtcNow < deadline) await Task.Delay(10);
        var servedByB = b.Lines.Count;
        var clock = Stopwatch.StartNew();
        a.Signal();
        await a.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var exitTime = clock.Elapsed;
        var before = outcomes.Count;
        while (outcomes.Count < before + 200 && DateTime.UtcNow < deadline) await Task.Delay(10);
        stop.Cancel();
        await Task.WhenAll(load);

        output.WriteLine($"SIGTERM to exit of A under load: {exitTime.TotalMilliseconds:F0} ms; requests through nginx: {before} before it exited, {outcomes.Count - before} after; not ok: {outcomes.Count(o => o != "ok")}");
        a.ExitCode.ShouldBe(0);
        exitTime.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        outcomes.Count.ShouldBeGreaterThan(before);
        outcomes.Where(o => o != "ok").ShouldBeEmpty(); // no error, no empty 200: every request got the page
        b.Lines.Count.ShouldBeGreaterThan(servedByB + 100); // B took over
    }
}
