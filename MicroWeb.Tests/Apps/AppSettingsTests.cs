using MicroWeb.Tests.Templates;

namespace MicroWeb.Tests.Apps;

/// <summary>The app's own settings: app.Config["DATABASE"], from code, an instance file and prefixed variables,
/// and `config` in templates.</summary>
public class AppSettingsTests
{
    [Fact]
    public void Names_of_typed_settings_read_and_write_them()
    {
        var config = new AppConfig();
        config.Update(new { SECRET_KEY = "dev", DATABASE = "/tmp/x.sqlite", TESTING = true });
        config.SecretKey.ShouldBe("dev");
        config.Testing.ShouldBeTrue();
        config["database"].ShouldBe("/tmp/x.sqlite");
        config["secret_key"].ShouldBe("dev");
        config["NOT_SET"].ShouldBeNull();
        config["PORT"] = "8080";
        config.Port.ShouldBe(8080);
        Should.Throw<ArgumentException>(() => config["PORT"] = "eighty");
    }

    [Fact]
    public void The_instance_file_and_the_environment_override_the_defaults()
    {
        using var site = new TemplateSite();
        var app = site.CreateApp();
        app.Config.InstancePath.ShouldBe(Path.Combine(site.Root, "instance"));
        app.Config.Update(new Dictionary<string, object?> { ["SECRET_KEY"] = "dev", ["DATABASE"] = "default.sqlite", ["PER_PAGE"] = 10 });
        app.Config.FromJsonFile("config.json", optional: true); // no file yet: nothing changes
        app.Config.SecretKey.ShouldBe("dev");

        Directory.CreateDirectory(app.Config.InstancePath);
        File.WriteAllText(Path.Combine(app.Config.InstancePath, "config.json"), """{ "SECRET_KEY": "from-file", "PER_PAGE": 20, "DEBUG": true }""");
        app.Config.FromJsonFile("config.json");
        app.Config.SecretKey.ShouldBe("from-file");
        app.Config.Get<int>("PER_PAGE").ShouldBe(20);
        app.Debug.ShouldBeTrue();

        app.Config.FromEnvironment("FLASKR_", new Dictionary<string, string?> { ["FLASKR_DATABASE"] = "env.sqlite", ["FLASKR_PER_PAGE"] = "30", ["OTHER_X"] = "no" });
        app.Config["DATABASE"].ShouldBe("env.sqlite");
        app.Config.Get<int>("PER_PAGE").ShouldBe(30);
        app.Config["X"].ShouldBeNull();
        Should.Throw<FileNotFoundException>(() => app.Config.FromJsonFile("missing.json"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Templates_see_the_settings_as_config_but_never_the_secret_key(bool debug)
    {
        using var site = new TemplateSite(("t.html", "{{ config.DATABASE }}|{{ config['PER_PAGE'] }}|{{ config.debug }}"),
            ("secret.html", "[{{ config.SECRET_KEY }}{{ config.secret_key }}{{ config['SecretKey'] }}{{ config.missing }}]"));
        var app = site.CreateApp(debug);
        app.Config.Update(new { DATABASE = "db.sqlite", PER_PAGE = 5, SECRET_KEY = "hidden" });
        app.Templates.Render("t.html").ShouldBe($"db.sqlite|5|{(debug ? "true" : "false")}");
        if (debug) Should.Throw<TemplateException>(() => app.Templates.Render("secret.html")).Message.ShouldNotContain("hidden");
        else app.Templates.Render("secret.html").ShouldBe("[]");
    }
}
