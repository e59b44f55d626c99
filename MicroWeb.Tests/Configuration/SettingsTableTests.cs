using System.Collections;
using System.Reflection;
using MicroWeb.Configuration;
using MicroWeb.Http;
using MicroWeb.Sessions;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MicroWeb.Tests.Configuration;

/// <summary>One table of settings: every property loads from a variable, a flag and IConfiguration, and bad values say what is allowed.</summary>
public class SettingsTableTests
{
    // Every public settable property of AppConfig, and of its Session options as Session.X.
    private static IEnumerable<string> SettableProperties() =>
        typeof(AppConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0).Select(p => p.Name)
            .Concat(typeof(SessionOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.SetMethod!.IsPublic).Select(p => "Session." + p.Name));

    [Fact]
    public void Every_public_setting_of_AppConfig_and_its_session_options_has_one_row()
    {
        AppConfig.Table.Select(s => s.Property).Order().ShouldBe(SettableProperties().Order());
        AppConfig.Table.Select(s => s.Name).Distinct().Count().ShouldBe(AppConfig.Table.Count);
    }

    public static TheoryData<string> Settings() => new(AppConfig.Table.Select(s => s.Property));

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_setting_loads_from_its_variable_its_flag_and_its_configuration_key(string property)
    {
        var setting = AppConfig.Table.Single(s => s.Property == property);
        var (text, expected) = OtherValue(property);

        var byVariable = new AppConfig();
        byVariable.Load([], name => name == setting.Variable ? text : null).ShouldBeEmpty();
        Read(byVariable, property).ShouldBe(expected, setting.Variable);

        var byFlag = new AppConfig();
        byFlag.Load([setting.Flag, text, "routes"], _ => null).ShouldBe(["routes"]);
        Read(byFlag, property).ShouldBe(expected, setting.Flag);

        var byInlineFlag = new AppConfig();
        byInlineFlag.Load([$"{setting.Flag}={text}"], _ => null).ShouldBeEmpty();
        Read(byInlineFlag, property).ShouldBe(expected, setting.Flag + "=");

        var byKey = new AppConfig();
        byKey.Set(setting.ConfigurationKey, text);
        Read(byKey, property).ShouldBe(expected, setting.ConfigurationKey);
    }

    [Fact]
    public void The_host_configuration_section_sets_limits_nested_session_options_and_lists()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicroWeb:MaxUrlLength"] = "100",
            ["MicroWeb:MaxHeaderCount"] = "20",
            ["MicroWeb:MaxConcurrentRequests"] = "8",
            ["MicroWeb:BodyReadTimeout"] = "2.5",
            ["MicroWeb:Session:Secure"] = "true",
            ["MicroWeb:TrustedHosts:0"] = "a.test",
            ["MicroWeb:TrustedHosts:1"] = ".b.test",
            ["MicroWeb:Port"] = "0",
        });
        builder.Services.AddMicroWeb(app => app.Config.Port = 1234); // the code gives defaults; configuration wins
        using var host = builder.Build();
        var config = host.Services.GetRequiredService<MicroWebApp>().Config;

        config.MaxUrlLength.ShouldBe(100);
        config.MaxHeaderCount.ShouldBe(20);
        config.MaxConcurrentRequests.ShouldBe(8);
        config.BodyReadTimeout.ShouldBe(TimeSpan.FromSeconds(2.5));
        config.Session.Secure.ShouldBeTrue();
        config.TrustedHosts.ShouldBe(["a.test", ".b.test"]);
        config.Port.ShouldBe(0);
    }

    [Theory]
    [InlineData("--port: 'abc' is not allowed; port must be a whole number from 0 to 65535.", "--port", "abc")]
    [InlineData("--port: '70000' is not allowed; port must be a whole number from 0 to 65535.", "--port", "70000")]
    [InlineData("--port: '-1' is not allowed; port must be a whole number from 0 to 65535.", "--port=-1")]
    [InlineData("--port needs a value: a whole number from 0 to 65535.", "--port")]
    [InlineData("--debug: 'maybe' is not allowed; debug must be true or false (also 1/0, yes/no, on/off).", "--debug=maybe")]
    [InlineData("--session-cookie-samesite: '3' is not allowed; session-cookie-samesite must be one of Unspecified, None, Lax, Strict.", "--session-cookie-samesite", "3")]
    [InlineData("--body-read-timeout: '0' is not allowed; body-read-timeout must be a number of seconds, more than 0.", "--body-read-timeout", "0")]
    [InlineData("--max-concurrent-requests: '0' is not allowed; max-concurrent-requests must be a whole number, 1 or more.", "--max-concurrent-requests", "0")]
    [InlineData("--min-response-data-rate: 'NaN' is not allowed; min-response-data-rate must be a number, 0 or more.", "--min-response-data-rate", "NaN")]
    public void A_bad_flag_value_is_one_line_naming_the_flag_and_the_values_allowed(string message, params string[] args) =>
        Should.Throw<ArgumentException>(() => new AppConfig().Load(args, _ => null)).Message.ShouldBe(message);

    [Fact]
    public void A_bad_variable_names_the_variable_and_a_secret_is_never_repeated()
    {
        Should.Throw<ArgumentException>(() => new AppConfig().Load([], name => name == "MICROWEB_PORT" ? "x" : null))
            .Message.ShouldBe("MICROWEB_PORT: 'x' is not allowed; port must be a whole number from 0 to 65535.");
        Should.Throw<ArgumentException>(() => new AppConfig().Set("Prot", "1", "MicroWeb:Prot")).Message.ShouldStartWith("MicroWeb:Prot: there is no setting");
        AppConfig.Find("SECRET_KEY")!.Show(new AppConfig { SecretKey = "top-secret" }).ShouldBe("none");
    }

    [Fact]
    public void The_docs_configuration_table_is_the_settings_table()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs", "errors-and-config.md"));
        const string begin = "<!-- settings table: generated from AppConfig.Table, checked by SettingsTableTests -->";
        const string end = "<!-- end of settings table -->";
        doc.ShouldContain(begin);
        var start = doc.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var table = doc[start..doc.IndexOf(end, start, StringComparison.Ordinal)].Trim();
        var expected = DocsTable();
        table.ReplaceLineEndings().ShouldBe(expected, "docs/errors-and-config.md's table is out of date; it should be:\n" + expected);
    }

    private static string DocsTable()
    {
        var lines = new List<string> { "| setting | default | environment | flag | values |", "|---|---|---|---|---|" };
        lines.AddRange(AppConfig.Table.Select(s => $"| `{s.Property}` | {s.Default} | `{s.Variable}` | `{s.Flag}` | {s.Allowed} |"));
        return string.Join(Environment.NewLine, lines);
    }

    // A valid value other than the default, as text and as the property then reads (lists joined with ',').
    private static (string Text, string Expected) OtherValue(string property)
    {
        var current = Read(new AppConfig(), property);
        var type = Property(property).PropertyType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(bool) => current == "True" ? ("false", "False") : ("true", "True"),
            _ when type == typeof(int) || type == typeof(long) => ((long.Parse(current) + 1).ToString(), (long.Parse(current) + 1).ToString()),
            _ when type == typeof(double) => ("12.5", "12.5"),
            _ when type == typeof(TimeSpan) => ("7.5", TimeSpan.FromSeconds(7.5).ToString()),
            _ when type == typeof(SameSiteMode) => ("strict", "Strict"),
            _ when type == typeof(IList<string>) => ("a.test, b.test", "a.test,b.test"),
            _ when property is "ContentRoot" or "InstancePath" => ("/srv/other", "/srv/other"),
            _ when type == typeof(string) => ("other-value", "other-value"),
            _ => throw new InvalidOperationException($"No sample value for {property} ({type}): add one here."),
        };
    }

    private static PropertyInfo Property(string path) => path.StartsWith("Session.", StringComparison.Ordinal)
        ? typeof(SessionOptions).GetProperty(path["Session.".Length..])!
        : typeof(AppConfig).GetProperty(path)!;

    private static string Read(AppConfig config, string path)
    {
        object target = path.StartsWith("Session.", StringComparison.Ordinal) ? config.Session : config;
        return Property(path).GetValue(target) switch
        {
            null => "",
            string text => text,
            IEnumerable list => string.Join(",", list.Cast<object>()),
            var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        };
    }
}
