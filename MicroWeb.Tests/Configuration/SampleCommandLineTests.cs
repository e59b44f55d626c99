using System.Diagnostics;

namespace MicroWeb.Tests.Configuration;

/// <summary>The sample as a process: a bad setting stops it before it listens, with one line and exit code 2.</summary>
public class SampleCommandLineTests
{
    [Theory]
    [InlineData("Error: --port: 'abc' is not allowed; port must be a whole number from 0 to 65535. (see --help)", null, "--port", "abc")]
    [InlineData("Error: --port: '70000' is not allowed; port must be a whole number from 0 to 65535. (see --help)", null, "--port", "70000")]
    [InlineData("Error: MICROWEB_PORT: 'x' is not allowed; port must be a whole number from 0 to 65535. (see --help)", "x")]
    [InlineData("Error: No such option: --prot; did you mean --port? (see --help)", null, "--prot", "8080")]
    public async Task A_bad_setting_stops_the_sample_with_one_line_and_exit_code_2(string line, string? portVariable, params string[] args)
    {
        var (code, output, error) = await RunSampleAsync(portVariable, args);
        code.ShouldBe(2);
        error.ShouldBe(line + "\n");
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Help_lists_the_settings_and_exits_with_0()
    {
        var (code, output, _) = await RunSampleAsync(null, "--help");
        code.ShouldBe(0);
        output.ShouldContain("--max-url-length VALUE");
        output.ShouldContain("MICROWEB_BODY_READ_TIMEOUT");
    }

    private static async Task<(int Code, string Output, string Error)> RunSampleAsync(string? portVariable, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MicroWeb.Sample.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("MICROWEB_PORT");
        if (portVariable is not null) info.Environment["MICROWEB_PORT"] = portVariable;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(); throw; }
        return (process.ExitCode, await output, await error);
    }
}
