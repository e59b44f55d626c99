using System.Text;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Testing;

/// <summary>One answer, as either client sees it.</summary>
public sealed record Answer(int Status, string Body, string? ContentType, string? Location, string? Allow, long? ContentLength);

/// <summary>
/// The same scenarios against the sample through two transports: the in-memory test client and a real socket.
/// Identical expectations prove the two paths behave alike.
/// </summary>
public abstract class SampleScenarios : IAsyncLifetime
{
    protected abstract Task StartAsync();
    protected abstract Task StopAsync();
    protected abstract Task<Answer> SendAsync(string method, string target, string? body = null, string? contentType = null);

    public Task InitializeAsync() => StartAsync();
    public Task DisposeAsync() => StopAsync();

    [Theory]
    [InlineData("/hola/Daniel", "Hello Daniel!")]
    [InlineData("/blog/7", "Blog Publicacion 7")]
    [InlineData("/archivos/a/b.txt", "Archivo a/b.txt")]
    [InlineData("/ruta/especial", "Ruta especial")]
    [InlineData("/hola?nombre=%3Cscript%3E", null)]
    public async Task Pages(string target, string? body)
    {
        var answer = await SendAsync("GET", target);
        answer.Status.ShouldBe(200);
        answer.ContentType.ShouldBe("text/html; charset=utf-8");
        if (body is not null) answer.Body.ShouldBe(body);
        else answer.Body.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public async Task Errors_redirects_and_methods()
    {
        var missing = await SendAsync("GET", "/nada");
        missing.Status.ShouldBe(404);
        missing.Body.ShouldContain("Page not found");

        var wrongMethod = await SendAsync("GET", "/enviar_json");
        wrongMethod.Status.ShouldBe(405);
        wrongMethod.Allow.ShouldBe("OPTIONS, POST");

        var redirect = await SendAsync("GET", "/usuario/admin");
        redirect.Status.ShouldBe(302);
        redirect.Location.ShouldBe("/admin");

        var slash = await SendAsync("GET", "/ruta");
        slash.Status.ShouldBe(308);
        slash.Location.ShouldBe("/ruta/");

        (await SendAsync("GET", "/perfiles/admin")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Json_in_and_out()
    {
        var echo = await SendAsync("POST", "/enviar_json", "{\"a\":1}", "application/json");
        echo.Status.ShouldBe(200);
        echo.Body.ShouldBe("{\"a\":1}");
        (await SendAsync("POST", "/enviar_json", "{\"a\":", "application/json")).Status.ShouldBe(400);
        (await SendAsync("GET", "/datos/frutas")).ContentType.ShouldBe("application/json");
    }

    [Fact]
    public async Task Head_and_files()
    {
        var head = await SendAsync("HEAD", "/hola/x");
        head.Status.ShouldBe(200);
        head.Body.ShouldBe("");
        head.ContentLength.ShouldBe(Encoding.UTF8.GetByteCount("Hello x!"));

        var css = await SendAsync("GET", "/static/style.css");
        css.Status.ShouldBe(200);
        css.ContentType.ShouldBe("text/css; charset=utf-8");
        var report = await SendAsync("GET", "/reporte/10000");
        report.Body.ShouldBe("nombre,apellido,cedula\r\nDaniel,Ortiz,10101010\r\n");
        // Generated, so of unknown length until it ends: small enough to be sent with its length, not chunked.
        report.ContentLength.ShouldBe(report.Body.Length);
    }
}

public sealed class SampleInMemoryTests : SampleScenarios
{
    private TestClient _client = null!;

    protected override Task StartAsync()
    {
        _client = MicroWeb.Sample.SampleApp.Create([]).App.TestClient();
        return Task.CompletedTask;
    }

    protected override Task StopAsync() => Task.CompletedTask;

    protected override async Task<Answer> SendAsync(string method, string target, string? body = null, string? contentType = null)
    {
        var r = await _client.SendAsync(method, target, body is null ? null : Encoding.UTF8.GetBytes(body), contentType);
        return new Answer(r.StatusCode, r.Text, r.ContentType, r.Location, r.Headers["Allow"], r.ContentLength);
    }
}

public sealed class SampleOverSocketTests : SampleScenarios
{
    private LiveServer _server = null!;

    protected override async Task StartAsync() => _server = await LiveServer.StartSampleAsync();

    protected override async Task StopAsync() => await _server.DisposeAsync();

    protected override async Task<Answer> SendAsync(string method, string target, string? body = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }
        var r = await _server.Client.SendAsync(request);
        var allow = r.Content.Headers.TryGetValues("Allow", out var values) ? string.Join(", ", values) : null;
        return new Answer((int)r.StatusCode, await r.Content.ReadAsStringAsync(), r.Content.Headers.ContentType?.ToString(),
            r.Headers.Location?.OriginalString, allow, r.Content.Headers.ContentLength);
    }
}
