using System.Net;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.StaticFiles;

/// <summary>CSV bodies are written while the server sends them: a failure before the first byte, and chunked streaming.</summary>
public class CsvOverTheWireTests
{
    [Fact]
    public async Task A_csv_that_fails_before_its_first_byte_is_sent_is_a_500_and_the_next_csv_is_whole()
    {
        // The server holds the first bytes back, so a failure there can still become a 500 (the test client would
        // only see the exception: this is the server's write path).
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        static IEnumerable<FileResponsesTests.Fila> Breaks() { yield return new FileResponsesTests.Fila("antes", "x", 1); throw new InvalidOperationException("roto"); }
        app.Get("/uno/<int:n>", (int n) => Csv(new[] { new FileResponsesTests.Fila($"f{n}", "x", n) }, "uno.csv"));
        app.Get("/roto", () => Csv(Breaks(), "roto.csv"));
        await using var s = await LiveServer.StartAsync(app);

        (await s.GetAsync("/roto")).Status.ShouldBe(HttpStatusCode.InternalServerError);
        (await s.Client.GetStringAsync("/uno/9")).ShouldBe("nombre,nota,Edad\r\nf9,x,9\r\n");
    }

    [Fact]
    public async Task Csv_streams_large_sets_without_building_them_in_memory()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        static IEnumerable<FileResponsesTests.Fila> Many() { for (var i = 0; i < 300_000; i++) yield return new FileResponsesTests.Fila($"n{i}", "x", i % 100); }
        app.Get("/grande", () => Csv(Many(), "grande.csv"));
        await using var s = await LiveServer.StartAsync(app);
        using var response = await s.Client.GetAsync("/grande", HttpCompletionOption.ResponseHeadersRead);
        response.Headers.TransferEncodingChunked.ShouldBe(true);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0;
        while (await reader.ReadLineAsync() is not null) lines++;
        lines.ShouldBe(300_001);
    }
}
