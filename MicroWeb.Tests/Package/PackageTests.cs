using System.IO.Compression;
using System.Xml.Linq;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Package;

// As a new user adopts MicroWeb: pack the library, add it to a fresh console app from a local feed, paste the
// README's quickstart, and run the app from a directory that is not its own, built and then published. Then the
// optional MicroWeb.OpenApi package: packed, added alone (it brings MicroWeb), UseOpenApi serves /openapi.json and /docs.
[Collection(SerialCollection.Name)]
public class PackageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_package_serves_the_README_quickstart_and_the_app_files_from_any_directory()
    {
        var work = Directory.CreateTempSubdirectory("microweb-package-").FullName;
        var version = "0.0.0-test." + DateTime.UtcNow.Ticks; // a version no NuGet cache has seen
        try
        {
            var feed = Path.Combine(work, "feed");
            await Dotnet(work, "pack", Repository.PathOf("MicroWeb", "MicroWeb.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}");
            CheckPackageContents(Path.Combine(feed, $"MicroWeb.{version}.nupkg"));
            File.Exists(Path.Combine(feed, $"MicroWeb.{version}.snupkg")).ShouldBeTrue("a symbols package");
            await Dotnet(work, "pack", Repository.PathOf("MicroWeb.OpenApi", "MicroWeb.OpenApi.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}");
            CheckOpenApiPackageContents(Path.Combine(feed, $"MicroWeb.OpenApi.{version}.nupkg"), version);

            // The OpenAPI package alone: it brings the core, and one line adds the document and the explorer.
            var api = Path.Combine(work, "api");
            WriteConsumingApp(api, feed, version, "MicroWeb.OpenApi", "app.UseOpenApi(\"Quickstart\", \"1.0.0\");");
            await Dotnet(api, "build");
            await ServesTheDocumentAndTheExplorer(Path.Combine(api, "bin", "Debug", "net10.0", "app.dll"));

            var project = Path.Combine(work, "app");
            WriteConsumingApp(project, feed, version);
            await Dotnet(project, "build");
            await ServesQuickstartAndFiles(Path.Combine(project, "bin", "Debug", "net10.0", "app.dll"));

            // Published, moved away from its project, started from "/": the copies in the publish folder are used.
            var published = Path.Combine(work, "published");
            await Dotnet(project, "publish", "-c", "Release", "-o", published);
            Directory.Move(project, Path.Combine(work, "moved"));
            await ServesQuickstartAndFiles(Path.Combine(published, "app.dll"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "microweb", "microweb.openapi" })
                if (Path.Combine(packages, id, version) is var cached && Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
    }

    private static void CheckPackageContents(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
                 {
                     "LICENSE", "README.md", "THIRD-PARTY-NOTICES.md",
                     "buildTransitive/MicroWeb.targets", "lib/net10.0/MicroWeb.dll", "lib/net10.0/MicroWeb.xml",
                 })
            names.ShouldContain(expected);
        // Swagger UI is the OpenAPI package's: the core neither embeds it nor carries its licenses.
        names.ShouldNotContain(name => name.StartsWith("licenses/swagger-ui/", StringComparison.Ordinal));
        zip.Entries.Single(e => e.FullName == "lib/net10.0/MicroWeb.dll").Length.ShouldBeLessThan(1_000_000);

        using var nuspecStream = zip.Entries.Single(e => e.FullName == "MicroWeb.nuspec").Open();
        var nuspec = XDocument.Load(nuspecStream);
        XElement Single(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name);
        Single("license").Value.ShouldBe("MIT");
        Single("readme").Value.ShouldBe("README.md");
        Single("authors").Value.ShouldNotBeNullOrWhiteSpace();
        Single("tags").Value.ShouldContain("flask");
        Single("releaseNotes").Value.ShouldNotBeNullOrWhiteSpace();
        nuspec.Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "CsvHelper")
            .Attribute("version")!.Value.ShouldBe("[33.1.0, 34.0.0)");
    }

    private static void CheckOpenApiPackageContents(string nupkg, string version)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
                 {
                     "LICENSE", "README.md", "THIRD-PARTY-NOTICES.md", "licenses/swagger-ui/LICENSE", "licenses/swagger-ui/NOTICE",
                     "licenses/swagger-ui/swagger-ui-bundle.js.LICENSE.txt", "lib/net10.0/MicroWeb.OpenApi.dll", "lib/net10.0/MicroWeb.OpenApi.xml",
                 })
            names.ShouldContain(expected);

        using var nuspecStream = zip.Entries.Single(e => e.FullName == "MicroWeb.OpenApi.nuspec").Open();
        var nuspec = XDocument.Load(nuspecStream);
        XElement Single(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name);
        Single("license").Value.ShouldBe("MIT");
        Single("readme").Value.ShouldBe("README.md");
        Single("description").Value.ShouldContain("OpenAPI");
        Single("version").Value.ShouldBe(version);
        // The same version of the core, and nothing else.
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => ((string?)e.Attribute("id"), (string?)e.Attribute("version")))
            .ShouldBe([("MicroWeb", version)]);
    }

    private static void WriteConsumingApp(string project, string feed, string version, string package = "MicroWeb", string? beforeRun = null)
    {
        // What `dotnet new console` writes, plus the package, a local feed, and the app's own static and template files.
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var quickstart = Markdown.CodeBlocks(Repository.PathOf("README.md")).First(b => b.Language == "csharp");
        var code = beforeRun is null ? quickstart.Code : quickstart.Code.Replace("app.Run();", beforeRun + "\napp.Run();");
        code.ShouldContain(beforeRun ?? "app.Run();");
        File.WriteAllText(Path.Combine(project, "Program.cs"), code);
        Directory.CreateDirectory(Path.Combine(project, "static", "css"));
        File.WriteAllText(Path.Combine(project, "static", "css", "site.css"), "body { color: teal }");
        Directory.CreateDirectory(Path.Combine(project, "templates"));
        File.WriteAllText(Path.Combine(project, "templates", "page.html"), "<p>{{ x }}</p>");
    }

    private static async Task ServesQuickstartAndFiles(string dll)
    {
        var port = ListenAddress.FreePort();
        await using var app = await AppProcess.StartAsync(port, program: dll, workingDirectory: "/");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var hello = await http.GetAsync("hola/Ana");
        ((int)hello.StatusCode).ShouldBe(200, app.Output);
        (await hello.Content.ReadAsStringAsync()).ShouldContain("Ana");
        (await http.GetStringAsync("static/css/site.css")).ShouldBe("body { color: teal }");
        app.Output.ShouldNotContain("No templates folder");
    }

    private static async Task ServesTheDocumentAndTheExplorer(string dll)
    {
        var port = ListenAddress.FreePort();
        await using var app = await AppProcess.StartAsync(port, program: dll, workingDirectory: "/");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        (await http.GetStringAsync("hola/Ana")).ShouldContain("Ana", customMessage: app.Output);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("openapi.json"))!;
        document["info"]!["title"]!.GetValue<string>().ShouldBe("Quickstart");
        document["paths"]!["/hola/{nombre}"].ShouldNotBeNull();
        (await http.GetStringAsync("docs")).ShouldContain("swagger-ui-bundle.js");
        (await http.GetAsync("docs/swagger-ui-bundle.js")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    private static async Task Dotnet(string directory, params string[] args)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(directory, Step, args);
        exitCode.ShouldBe(0, $"dotnet {string.Join(' ', args)}:\n{output}");
    }
}
