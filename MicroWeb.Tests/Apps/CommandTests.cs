namespace MicroWeb.Tests.Apps;

/// <summary>The app's command line: `dotnet run -- init-db`, `--help`, exit code 2 for what it does not know.</summary>
public class CommandTests
{
    private static (MicroWebApp App, List<string[]> Calls) App()
    {
        var app = new MicroWebApp("flaskr");
        var calls = new List<string[]>();
        app.Get("/hello", () => "Hello, World!");
        app.Command("init-db", (string[] args, TextWriter output) => { calls.Add(args); output.WriteLine("Initialized the database."); },
            "Clear the existing data and create new tables.");
        app.Command("fail", int () => 3);
        app.Command("later", async Task<int> () => { await Task.Yield(); return 4; });
        return (app, calls);
    }

    private static (int Code, string Output) Run(MicroWebApp app, params string[] args)
    {
        var output = new StringWriter();
        var code = app.RunCommand(args, output);
        return (code, output.ToString());
    }

    [Fact]
    public void A_registered_command_runs_with_its_arguments()
    {
        var (app, calls) = App();
        var (code, output) = Run(app, "init-db", "--force");
        code.ShouldBe(0);
        output.ShouldBe("Initialized the database." + Environment.NewLine);
        calls.Single().ShouldBe(["--force"]);
        Run(app, "fail").Code.ShouldBe(3);
        Run(app, "later").Code.ShouldBe(4);
    }

    [Fact]
    public void Help_lists_the_commands_with_the_built_in_ones()
    {
        var (code, output) = Run(App().App, "--help");
        code.ShouldBe(0);
        output.ShouldContain("Usage: flaskr");
        output.ShouldContain("--port");
        output.ShouldMatch(@"(?m)^  run\s+Serve the app");
        output.ShouldMatch(@"(?m)^  routes\s+Show the routes");
        output.ShouldMatch(@"(?m)^  init-db\s+Clear the existing data and create new tables\.$");
    }

    [Theory]
    [InlineData("Error: No such command 'nope'. (see --help)", "nope")]
    [InlineData("Error: No such option: --nope (see --help)", "--nope")]
    [InlineData("Error: No such option: --nope (see --help)", "run", "--nope")]
    [InlineData("Error: No such option: --prot; did you mean --port? (see --help)", "--prot", "8080")]
    [InlineData("Error: --port: 'x' is not allowed; port must be a whole number from 0 to 65535. (see --help)", "--port", "x")]
    [InlineData("Error: --port: '70000' is not allowed; port must be a whole number from 0 to 65535. (see --help)", "--port", "70000")]
    public void An_unknown_command_or_flag_or_a_bad_value_is_one_line_and_exit_code_2(string error, params string[] args)
    {
        var (code, output) = Run(App().App, args);
        code.ShouldBe(2);
        output.ShouldBe(error + Environment.NewLine);
    }

    [Fact]
    public void Help_lists_every_setting_with_its_variable_and_default()
    {
        var (code, output) = Run(App().App, "--help");
        code.ShouldBe(0);
        foreach (var setting in AppConfig.Table)
            output.ShouldMatch($@"(?m)^  {setting.Flag} .*{setting.Variable}\s+default: {System.Text.RegularExpressions.Regex.Escape(setting.Default)}$");
        output.ShouldMatch(@"(?m)^  --port VALUE\s+MICROWEB_PORT\s+default: 5000$");
        output.ShouldMatch(@"(?m)^  --debug \[true\|false\]\s+MICROWEB_DEBUG\s+default: false$");
    }

    [Fact]
    public void Routes_lists_the_table_and_settings_flags_come_first()
    {
        var (code, output) = Run(App().App, "--debug", "routes");
        code.ShouldBe(0);
        output.ShouldMatch(@"(?m)^Endpoint\s+Methods\s+Rule");
        output.ShouldContain("/hello");
    }

    [Fact]
    public void A_command_that_throws_exits_with_1_and_says_why()
    {
        var app = new MicroWebApp();
        app.Command("boom", void () => throw new InvalidOperationException("no database"));
        var (code, output) = Run(app, "boom");
        code.ShouldBe(1);
        output.ShouldContain("no database");
    }
}
