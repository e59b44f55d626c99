using System.Text;
using CsvHelper.Configuration.Attributes;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.StaticFiles;

public class FileResponsesTests
{
    public sealed record Fila([property: Name("nombre")] string Nombre, [property: Name("nota")] string Nota, int Edad);

    [Fact]
    public async Task SendFile_sets_disposition_for_ascii_and_non_ascii_names()
    {
        using var site = new StaticSite();
        var app = site.CreateApp();
        app.Get("/inline", () => SendFile("static/style.css", downloadName: "estilo.css"));
        app.Get("/adjunto", () => SendFile("static/datos.bin", downloadName: "año 2026 \"final\".bin", asAttachment: true));
        app.Get("/bytes", () => SendFile(Encoding.UTF8.GetBytes("hola"), "saludo.txt"));
        app.Get("/stream", () => SendFile(new MemoryStream([1, 2, 3]), "datos.png", asAttachment: true));
        app.Get("/falta", () => SendFile("static/no-existe.txt"));
        var client = app.TestClient();

        var inline = await client.GetAsync("/inline");
        inline.Headers["Content-Disposition"].ShouldBe("inline; filename=\"estilo.css\"");
        inline.ContentType!.Split(';')[0].ShouldBe("text/css");

        var adjunto = await client.GetAsync("/adjunto");
        var disposition = adjunto.Headers.Where(h => h.Key == "Content-Disposition").Select(h => h.Value).Single();
        disposition.ShouldBe("attachment; filename=\"a_o 2026 _final_.bin\"; filename*=UTF-8''a%C3%B1o%202026%20%22final%22.bin");
        System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(disposition).FileNameStar.ShouldBe("año 2026 \"final\".bin");

        var bytes = await client.GetAsync("/bytes");
        bytes.ContentType.ShouldBe("text/plain; charset=utf-8");
        bytes.Text.ShouldBe("hola");
        (await client.GetAsync("/stream")).Bytes.ShouldBe(new byte[] { 1, 2, 3 });
        (await client.GetAsync("/falta")).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task SendFile_on_disk_supports_conditional_get_and_ranges()
    {
        using var site = new StaticSite();
        var app = site.CreateApp();
        app.Get("/f", () => SendFile("static/datos.bin"));
        var client = app.TestClient();
        var etag = (await client.GetAsync("/f")).Headers["ETag"]!;
        (await client.GetAsync("/f", new Dictionary<string, string> { ["If-None-Match"] = etag })).StatusCode.ShouldBe(304);
        var range = await client.GetAsync("/f", new Dictionary<string, string> { ["Range"] = "bytes=2-4" });
        range.StatusCode.ShouldBe(206);
        range.Text.ShouldBe("234");
    }

    [Fact]
    public async Task Csv_quotes_commas_quotes_and_newlines_in_utf8()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Get("/csv", () => Csv(new[]
        {
            new Fila("Ana, María", "dijo \"hola\"", 30),
            new Fila("José", "línea 1\nlínea 2", 41),
        }, "notas.csv"));
        var response = await app.TestClient().GetAsync("/csv");
        response.ContentType.ShouldBe("text/csv; charset=utf-8");
        response.Headers.Where(h => h.Key == "Content-Disposition").Select(h => h.Value).Single().ShouldBe("attachment; filename=\"notas.csv\"");
        var bytes = response.Bytes;
        bytes.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF }); // no BOM
        Encoding.UTF8.GetString(bytes).ShouldBe("nombre,nota,Edad\r\n\"Ana, María\",\"dijo \"\"hola\"\"\",30\r\nJosé,\"línea 1\nlínea 2\",41\r\n");
    }

    [Fact]
    public async Task Csv_guards_against_formula_injection_unless_told_not_to()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        Fila[] filas =
        [
            new("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", 1),
            new("@SUM(A1)", "-2+3", -5),
            new("\tcmd", "normal", 2),
        ];
        app.Get("/csv", () => Csv(filas, "r.csv"));
        app.Get("/crudo", () => Csv(filas, "r.csv", guardFormulas: false));
        app.Get("/propio", () => Csv(filas, "r.csv", new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture) { Delimiter = ";" }));
        var client = app.TestClient();

        var guarded = (await client.GetAsync("/csv")).Text;
        guarded.ShouldBe("nombre,nota,Edad\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",\"'+1+1\",1\r\n\"'@SUM(A1)\",\"'-2+3\",\"'-5\"\r\n\"'\tcmd\",normal,2\r\n");
        (await client.GetAsync("/crudo")).Text.ShouldStartWith("nombre,nota,Edad\r\n\"=HYPERLINK(");
        (await client.GetAsync("/propio")).Text.ShouldContain("\"'@SUM(A1)\";\"'-2+3\";\"'-5\""); // an own configuration is guarded too
    }

    [Fact]
    public async Task Csv_writers_are_reused_without_carrying_anything_between_responses()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Get("/uno/<int:n>", (int n) => Csv(new[] { new Fila($"f{n}", "x", n) }, "uno.csv"));
        app.Get("/sin-cabecera", () => Csv(new[] { new Fila("a", "b", 1) }, "s.csv", new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture) { HasHeaderRecord = false }));
        static object Expando() { dynamic e = new System.Dynamic.ExpandoObject(); e.clave = "valor"; return e; }
        app.Get("/dinamico", () => Csv(new[] { Expando() }, "d.csv"));
        var client = app.TestClient();

        for (var n = 0; n < 5; n++)
            (await client.GetAsync($"/uno/{n}")).Text.ShouldBe($"nombre,nota,Edad\r\nf{n},x,{n}\r\n");
        (await client.GetAsync("/sin-cabecera")).Text.ShouldBe("a,b,1\r\n");
        (await client.GetAsync("/uno/9")).Text.ShouldBe("nombre,nota,Edad\r\nf9,x,9\r\n");
        (await client.GetAsync("/dinamico")).Text.ShouldBe("clave\r\nvalor\r\n");
    }
}
