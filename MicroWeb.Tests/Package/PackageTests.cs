using System.IO.Compression;
using System.Xml.Linq;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Package;

// As a new user adopts MicroWeb: pack the library, add it to a fresh console app from a local feed, paste the
// README's quickstart, and run the app from a directory that is not its own, built and then published.
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
            var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "microweb", version);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
    }

    private static void CheckPackageContents(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
                 {
                     "LICENSE", "README.md", "THIRD-PARTY-NOTICES.md", "licenses/swagger-ui/LICENSE", "licenses/swagger-ui/NOTICE",
                     "buildTransitive/MicroWeb.targets", "lib/net10.0/MicroWeb.dll", "lib/net10.0/MicroWeb.xml",
                 })
            names.ShouldContain(expected);

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

    private static void WriteConsumingApp(string project, string feed, string version)
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
                <PackageReference Include="MicroWeb" Version="{version}" />
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
        File.WriteAllText(Path.Combine(project, "Program.cs"), quickstart.Code);
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

    private static async Task Dotnet(string directory, params string[] args)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(directory, Step, args);
        exitCode.ShouldBe(0, $"dotnet {string.Join(' ', args)}:\n{output}");
    }
}
