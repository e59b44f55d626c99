namespace MicroWeb.Tests.Apps;

// `dotnet run -- routes`, as `flask routes`: every rule, the static folder's included, in aligned columns.
public class RoutesCommandTests
{
    [Fact]
    public void Lists_every_rule_with_the_static_one_in_columns_as_wide_as_their_text()
    {
        var app = new MicroWebApp("t");
        app.Get("/", () => "inicio", endpoint: "Index");
        app.Get("/a/very/long/rule/<int:id>", (int id) => "x", endpoint: "AnEndpointNameLongerThanTheOldTwentyEightColumns");
        var output = new StringWriter();

        app.RunCommand(["routes"], output).ShouldBe(0);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => l.StartsWith("static ") && l.TrimEnd().EndsWith("/static/<path:filename>"));
        var ruleColumn = lines[0].IndexOf("Rule", StringComparison.Ordinal);
        foreach (var line in lines.Skip(2)) line[ruleColumn - 1].ShouldBe(' ', line);
        foreach (var line in lines.Skip(2)) line[ruleColumn].ShouldBe('/', line);
    }

    [Fact]
    public void Rules_for_a_subdomain_show_it()
    {
        var app = new MicroWebApp("t");
        app.Config.ServerName = "example.test";
        app.AddRoutes(typeof(TenantRoutes));
        var output = new StringWriter();

        app.RunCommand(["routes"], output).ShouldBe(0);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Domain");
        lines.ShouldContain(l => l.StartsWith("<tenant> ") && l.Contains("Tenant"));
    }

    public static class TenantRoutes
    {
        [Route("/", Subdomain = "<tenant>")]
        public static string Tenant(string tenant) => tenant;
    }
}
