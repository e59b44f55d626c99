// The benchmarked endpoints as an ASP.NET Core minimal API: what Kestrel does with the same work.
// Usage: AspNetCore [--port 5002] [--root REPO]
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;

var port = 5002;
var root = Directory.GetCurrentDirectory();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--port") port = int.Parse(args[i + 1]);
    else if (args[i] == "--root") root = args[i + 1];
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders(); // no per-request logging, as the other servers in production
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
var app = builder.Build();

Fruta[] frutas = [new("manzana", "verde"), new("banana", "amarilla")];
var template = Path.Combine(root, "templates", "hola.html");
var hola = File.Exists(template) ? File.ReadAllText(template) : null;

app.MapGet("/", () => Results.Content("<p>Hola a todos!</p>", "text/html; charset=utf-8"));
app.MapGet("/datos/frutas", () => frutas);
app.MapGet("/hola/{nombre}", (string nombre) => Results.Content($"Hello {nombre}!", "text/html; charset=utf-8"));
if (hola is not null)
    app.MapGet("/hola", (string? nombre) =>
        Results.Content(hola.Replace("{{ nombre }}", WebUtility.HtmlEncode(nombre ?? "Daniel")), "text/html; charset=utf-8"));
var statics = Path.Combine(root, "static");
if (Directory.Exists(statics))
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(statics), RequestPath = "/static" });

Console.WriteLine($"ASP.NET Core listening on http://127.0.0.1:{port}/");
app.Run();

/// <summary>A fruit, as MicroWeb.Sample's /datos/frutas lists it.</summary>
internal sealed record Fruta(string Nombre, string Color);
