using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Package;

// The AOT-safe subset (docs/deploying.md) published with Native AOT: a warning is an error at publish, and every
// feature the example uses answers as it does on the JIT.
[Collection(SerialCollection.Name)]
public class AotPublishTests
{
    [Fact]
    public async Task A_native_AOT_app_publishes_without_warnings_and_serves_the_AOT_safe_features()
    {
        var output = Directory.CreateTempSubdirectory("microweb-aot-").FullName;
        try
        {
            var (exitCode, log) = await DotnetCli.RunAsync(Repository.Root, TimeSpan.FromMinutes(8), "publish",
                Repository.PathOf("examples", "AotHello", "AotHello.csproj"), "-c", "Release", "-r", "linux-x64", "-o", output);
            exitCode.ShouldBe(0, log);
            log.ShouldNotContain("warning IL", customMessage: log);

            var port = ListenAddress.FreePort();
            await using var app = await AppProcess.StartAsync(port, environment: new Dictionary<string, string>
            {
                ["MICROWEB_ACCESS_LOG"] = "off",
                ["MICROWEB_SECRET_KEY"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            }, program: Path.Combine(output, "AotHello"), workingDirectory: output);
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

            (await http.GetStringAsync("")).ShouldContain("<a href=\"/perfiles/7\">perfil 7</a> · ruta /");     // template, url_for, request
            var pedidos = await http.GetStringAsync("pedidos");                                                  // a model with a list of records
            pedidos.ShouldContain("<h1>Pedidos de Ana</h1>");
            pedidos.ShouldContain("<h2>Pedido 1</h2>");
            pedidos.ShouldContain("<li>2 × pan</li><li>1 × té &amp; café</li>");
            pedidos.ShouldContain("<h2>Pedido 2</h2>");
            pedidos.ShouldContain("<li>3 × sal</li>");
            var unregistered = await http.GetAsync("sin-registrar");                                           // a type not registered: loud
            unregistered.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            (await http.GetStringAsync("hola/ana")).ShouldBe("""{"nombre":"ana","letras":3}""");                // JSON from the app's context
            (await http.GetStringAsync("perfiles/3")).ShouldBe("""{"nombre":"perfil 3","letras":3}""");          // a [Route] class
            (await http.GetStringAsync("enlace/3")).ShouldBe("/perfiles/3");                                     // UrlFor with an anonymous object
            var echo = await http.PostAsync("eco", new StringContent("""{"nombre":"lucia","letras":0}""", Encoding.UTF8, "application/json"));
            (await echo.Content.ReadAsStringAsync()).ShouldBe("""{"nombre":"lucia","letras":5}""");             // a JSON body
            var bad = await http.PostAsync("eco", new StringContent("""{"nombre":"x","letras":"x"}""", Encoding.UTF8, "application/json"));
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);                                                  // MicroWeb's own error body
            (await bad.Content.ReadAsStringAsync()).ShouldContain("\"field\":\"letras\"");
            (await http.GetStringAsync("contar")).ShouldBe("visitas: 1");                                         // the session
            (await http.GetStringAsync("contar")).ShouldBe("visitas: 2");
            var document = JsonNode.Parse(await http.GetStringAsync("openapi.json"))!;                          // OpenAPI
            document["paths"]!["/perfiles/{id}"].ShouldNotBeNull();
            document["components"]!["schemas"]!["ValidationErrorBody"].ShouldNotBeNull();                     // MicroWeb.OpenApi's own types too
            (await http.GetAsync("nope")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            // The one error: the unregistered type, named in the log.
            app.Output.ShouldContain("templates cannot read the members of Suelto: register it with app.Templates.AddModelType<Suelto>()");
            app.Output.Split('\n').Count(line => line.Contains("ERROR in", StringComparison.Ordinal)).ShouldBe(1, app.Output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
