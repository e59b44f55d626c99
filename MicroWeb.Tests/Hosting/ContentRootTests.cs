using MicroWeb.Configuration;
using MicroWeb.Sample;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Hosting;

// Flask's root_path: an app finds its templates/ and static/ wherever it is started from.
public class ContentRootTests
{
    [Fact]
    public void A_development_build_points_at_its_project_folder()
    {
        // The sample's csproj sets MicroWebContentRoot to the repository root, where templates/ and static/ live.
        var root = DefaultContentRoot.For(typeof(SampleApp).Assembly);
        Directory.Exists(Path.Combine(root, "templates")).ShouldBeTrue(root);
        File.Exists(Path.Combine(root, "MicroWeb.sln")).ShouldBeTrue(root);
    }

    [Fact]
    public void Without_a_recorded_folder_the_app_folder_is_used_never_the_current_directory()
    {
        DefaultContentRoot.For(null).ShouldBe(AppContext.BaseDirectory);
        DefaultContentRoot.For(typeof(ContentRootTests).Assembly).ShouldBe(AppContext.BaseDirectory);
    }

    [Fact]
    public void The_templates_and_static_folders_are_copied_beside_the_binary()
    {
        File.Exists(Path.Combine(AppContext.BaseDirectory, "templates", "hola.html")).ShouldBeTrue();
        File.Exists(Path.Combine(AppContext.BaseDirectory, "static", "style.css")).ShouldBeTrue();
    }

    [Fact]
    public void The_content_root_can_be_set_by_flag_and_variable()
    {
        var byFlag = new AppConfig();
        byFlag.Load(["--content-root", "/tmp"], _ => null);
        byFlag.ContentRoot.ShouldBe("/tmp");

        var byVariable = new AppConfig();
        byVariable.Load([], name => name == "MICROWEB_CONTENT_ROOT" ? "/srv/app" : null);
        byVariable.ContentRoot.ShouldBe("/srv/app");
    }

    [Fact]
    public async Task A_missing_templates_folder_is_reported_at_startup_with_the_path_looked_in()
    {
        var root = Directory.CreateTempSubdirectory("microweb-root-").FullName;
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Config.ContentRoot = root;
        app.Get("/", () => "ok");
        await app.StartAsync("127.0.0.1", 0);
        await app.StopAsync();

        log.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains(Path.Combine(root, "templates")));
        Directory.Delete(root);
    }
}
