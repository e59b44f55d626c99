using System.Text.Json.Nodes;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Package;

// The sample published as one file runs from anywhere with every feature, XML-doc summaries in /docs included.
[Collection(SerialCollection.Name)]
public class PublishTests
{
    [Fact]
    public async Task The_sample_published_as_a_single_file_serves_every_feature()
    {
        var output = Directory.CreateTempSubdirectory("microweb-single-file-").FullName;
        try
        {
            var (exitCode, log) = await DotnetCli.RunAsync(Repository.Root, TimeSpan.FromMinutes(5), "publish", Repository.PathOf("MicroWeb.Sample", "MicroWeb.Sample.csproj"),
                "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishSingleFile=true", "-o", output);
            exitCode.ShouldBe(0, log);

            var port = ListenAddress.FreePort();
            await using var app = await AppProcess.StartAsync(port, environment: new Dictionary<string, string> { ["MICROWEB_ACCESS_LOG"] = "off" },
                program: Path.Combine(output, "MicroWeb.Sample"), workingDirectory: "/");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

            (await http.GetStringAsync("hola?nombre=Ana")).ShouldContain("Hola Ana");                 // a template
            (await http.GetAsync("static/style.css")).IsSuccessStatusCode.ShouldBeTrue();             // a static file
            (await http.GetStringAsync("datos/frutas")).ShouldStartWith("[");                         // JSON
            (await http.GetAsync("reporte/10000")).Content.Headers.ContentType!.MediaType.ShouldBe("text/csv"); // CSV
            var document = JsonNode.Parse(await http.GetStringAsync("openapi.json"))!;
            var summaries = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Select(o => (string?)o.Value!["summary"]);
            summaries.ShouldContain(s => !string.IsNullOrEmpty(s), "the XML-doc summaries reach /openapi.json");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
