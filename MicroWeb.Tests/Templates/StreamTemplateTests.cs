using System.Net;
using System.Text;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Templates;

/// <summary>
/// StreamTemplate (Flask's stream_template) over a real socket: the start of the page arrives while the model is
/// still being produced; a fast page goes out whole with its length; the output matches RenderTemplate's (escaping,
/// layouts); an error before anything was sent is a 500, after it a reset connection, never a page that looks complete.
/// </summary>
public sealed class StreamTemplateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private const string Page = "<h1>{{ titulo }}</h1><ul>{{ for f in filas }}<li>{{ f }}</li>{{ end }}</ul><p>fin</p>";

    // Rows produced by something slow (a lazy query): the second waits for the gate. The template reads the
    // sequence synchronously, as Scriban does, so the gate blocks the render's thread until it opens.
    private static IEnumerable<string> Filas(Task gate, Func<string>? last = null)
    {
        yield return "uno <b>";
        gate.Wait();
        yield return last?.Invoke() ?? "dos";
    }

    [Fact]
    public async Task The_start_of_the_page_arrives_before_the_slow_part_of_the_model_is_produced()
    {
        using var site = new TemplateSite(("filas.html", Page));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = site.CreateApp();
        app.Get("/filas", () => StreamTemplate("filas.html", new { titulo = "Informe", filas = Filas(gate.Task) }));
        await using var server = await LiveServer.StartAsync(app);

        using var response = await server.Client.GetAsync("/filas", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        response.Headers.TransferEncodingChunked.ShouldBe(true);
        response.Headers.GetValues("X-Accel-Buffering").ShouldBe(["no"]);
        var body = await response.Content.ReadAsStreamAsync();
        var received = new StringBuilder();
        await ReadUntilAsync(body, received, "<li>uno &lt;b&gt;</li>");
        gate.Task.IsCompleted.ShouldBeFalse(); // the second row is not produced yet: what arrived came on its own
        received.ToString().ShouldBe("<h1>Informe</h1><ul><li>uno &lt;b&gt;</li>");

        gate.SetResult();
        received.Append(await new StreamReader(body).ReadToEndAsync().WaitAsync(Deadline));
        received.ToString().ShouldBe("<h1>Informe</h1><ul><li>uno &lt;b&gt;</li><li>dos</li></ul><p>fin</p>");
    }

    [Fact]
    public async Task A_compressed_stream_still_sends_the_start_of_the_page_before_the_slow_part()
    {
        using var site = new TemplateSite(("filas.html", Page));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = site.CreateApp();
        app.UseCompression();
        app.Get("/filas", () => StreamTemplate("filas.html", new { titulo = "Informe", filas = Filas(gate.Task) }));
        await using var server = await LiveServer.StartAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/filas");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
        response.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        var body = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var received = new StringBuilder();
        await ReadUntilAsync(body, received, "<li>uno &lt;b&gt;</li>");
        gate.Task.IsCompleted.ShouldBeFalse();

        gate.SetResult();
        received.Append(await new StreamReader(body).ReadToEndAsync().WaitAsync(Deadline));
        received.ToString().ShouldBe("<h1>Informe</h1><ul><li>uno &lt;b&gt;</li><li>dos</li></ul><p>fin</p>");
    }

    [Fact]
    public async Task A_page_that_renders_quickly_goes_out_whole_with_its_length_and_as_RenderTemplate_renders_it()
    {
        using var site = new TemplateSite(
            ("base.html", "<title>{{ block \"title\" \"Sitio\" }}</title><main>{{ content }}</main>"),
            ("pagina.html", "{{ extends \"base.html\" }}{{ capture title }}Hola {{ nombre }}{{ end }}<p>{{ nombre }} & {{ request.path }}</p>"));
        var app = site.CreateApp();
        app.Get("/pagina", () => StreamTemplate("pagina.html", new { nombre = "<Ana>" }));
        app.Get("/rendered", () => RenderTemplate("pagina.html", new { nombre = "<Ana>" }));
        await using var server = await LiveServer.StartAsync(app);

        var (status, streamed, response) = await server.GetAsync("/pagina");

        status.ShouldBe(HttpStatusCode.OK);
        streamed.ShouldBe("<title>Hola &lt;Ana&gt;</title><main><p>&lt;Ana&gt; & /pagina</p></main>");
        streamed.ShouldBe((await server.GetAsync("/rendered")).Body.Replace("/rendered", "/pagina"));
        response.Content.Headers.ContentLength.ShouldBe(Encoding.UTF8.GetByteCount(streamed));
        response.Headers.TransferEncodingChunked.ShouldNotBe(true);
    }

    [Fact]
    public async Task A_layout_streams_after_the_page_it_wraps_has_rendered()
    {
        using var site = new TemplateSite(
            ("base.html", "<header>{{ block \"title\" }}</header>{{ content }}<footer>{{ for f in mas }}{{ f }}{{ end }}</footer>"),
            ("pagina.html", "{{ extends \"base.html\" }}{{ capture title }}T{{ end }}<main>{{ for f in filas }}{{ f }}{{ end }}</main>"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = site.CreateApp();
        app.Get("/", () => StreamTemplate("pagina.html", new { filas = new[] { "a", "b" }, mas = Filas(gate.Task) }));
        await using var server = await LiveServer.StartAsync(app);

        using var response = await server.Client.GetAsync("/", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
        var body = await response.Content.ReadAsStreamAsync();
        var received = new StringBuilder();
        await ReadUntilAsync(body, received, "uno &lt;b&gt;");
        received.ToString().ShouldBe("<header>T</header><main>ab</main><footer>uno &lt;b&gt;");

        gate.SetResult();
        received.Append(await new StreamReader(body).ReadToEndAsync().WaitAsync(Deadline));
        received.ToString().ShouldBe("<header>T</header><main>ab</main><footer>uno &lt;b&gt;dos</footer>");
    }

    [Fact]
    public async Task An_error_before_anything_was_sent_is_a_500_and_after_it_a_reset_connection()
    {
        using var site = new TemplateSite(("filas.html", Page), ("limite.html", "{{ for i in 1..100 }}{{ i }}{{ end }}"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new CapturingLogger();
        var app = site.CreateApp();
        app.Logger = logger;
        app.Templates.OutputLimit = 50;
        app.Get("/limite", () => StreamTemplate("limite.html"));
        app.Get("/falla", () => StreamTemplate("filas.html", new { titulo = "x", filas = Filas(gate.Task, () => throw new InvalidOperationException("la consulta falló")) }));
        app.Get("/no-existe", () => StreamTemplate("no-existe.html"));
        await using var server = await LiveServer.StartAsync(app);

        // The output limit, before any of the page was sent: a 500 with nothing of the page.
        var limit = await server.GetAsync("/limite");
        limit.Status.ShouldBe(HttpStatusCode.InternalServerError);
        limit.Body.ShouldBe("Internal Server Error");
        // A missing template fails in the handler, as RenderTemplate does (the app's error page).
        (await server.GetAsync("/no-existe")).Status.ShouldBe(HttpStatusCode.InternalServerError);

        // After the start of the page went out: the connection is reset, the client never sees the end of the body.
        using var response = await server.Client.GetAsync("/falla", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
        var body = await response.Content.ReadAsStreamAsync();
        await ReadUntilAsync(body, new StringBuilder(), "<li>uno &lt;b&gt;</li>");
        gate.SetResult();
        await Should.ThrowAsync<Exception>(() => new StreamReader(body).ReadToEndAsync().WaitAsync(Deadline));
        logger.Entries.ShouldContain(e => e.Exception != null && e.Exception.ToString().Contains("la consulta falló"));
        (await server.GetAsync("/no-existe")).Status.ShouldBe(HttpStatusCode.InternalServerError); // still serving
    }

    [Fact]
    public async Task The_samples_report_renders_every_row_through_the_stream()
    {
        // That pieces leave while the model is still producing is shown by the gated tests above; the sample's rows come
        // from Thread.Sleep, and whether 200 ms gaps split the page depends on the thread pool's load, not on MicroWeb.
        await using var server = await LiveServer.StartSampleAsync();

        using var response = await server.Client.GetAsync("/informe/3", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadAsStringAsync().WaitAsync(Deadline);
        page.ShouldContain("<h1>Informe de 3 filas</h1>");
        page.ShouldContain("<li>Fila 1 a las ");
        page.ShouldContain("<li>Fila 3 a las ");
        page.ShouldEndWith("</html>\n");
    }

    private static async Task ReadUntilAsync(Stream body, StringBuilder received, string expected)
    {
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[4096];
        while (!received.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer).AsTask().WaitAsync(Deadline);
            if (read == 0) throw new EndOfStreamException($"The body ended before \"{expected}\": {received}");
            received.Append(chars, 0, decoder.GetChars(buffer, 0, read, chars, 0));
        }
    }
}
