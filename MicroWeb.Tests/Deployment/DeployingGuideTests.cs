using System.Diagnostics;
using System.Text.RegularExpressions;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Deployment;

/// <summary>docs/deploying.md, followed as written: its walkthrough runs as one script, and its tables match the code.</summary>
[Collection(SerialCollection.Name)]
public class DeployingGuideTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static string Guide => File.ReadAllText(Path.Combine(Nginx.RepositoryRoot, "docs", "deploying.md"));

    // The one sh block under "## Try it on one machine".
    private static string Walkthrough()
    {
        var section = Guide[Guide.IndexOf("## Try it on one machine", StringComparison.Ordinal)..];
        return Regex.Match(section, "```sh\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
    }

    [NginxFact]
    public async Task The_walkthrough_runs_as_written_and_serves_through_nginx()
    {
        var deploy = Nginx.NewFolder();
        var script = Path.Combine(deploy, "walkthrough.sh");
        File.WriteAllText(script, Walkthrough());
        var info = new ProcessStartInfo("bash", [script]) { WorkingDirectory = Nginx.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DEPLOY"] = deploy;
        info.Environment["PORT1"] = ListenAddress.FreePort().ToString();
        info.Environment["PORT2"] = ListenAddress.FreePort().ToString();
        info.Environment["HTTP_PORT"] = ListenAddress.FreePort().ToString();
        info.Environment["HTTPS_PORT"] = ListenAddress.FreePort().ToString();
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            output.WriteLine(await stdout);
            output.WriteLine(await stderr);
            process.ExitCode.ShouldBe(0, await stderr);
            (await stdout).ShouldContain("served through nginx: OK");
            (await stdout).ShouldContain("stopped");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            // Whatever the script started and did not stop (it failed half-way): only those PIDs.
            foreach (var pidFile in Directory.GetFiles(deploy, "*.pid"))
                if (int.TryParse(ReadIfStillThere(pidFile), out var pid))
                    try { using var left = Process.GetProcessById(pid); left.Kill(entireProcessTree: true); }
                    catch (ArgumentException) { /* already gone */ }
            try { Directory.Delete(deploy, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    // nginx deletes its pid file as it exits, which may be just after the script stopped it: then it is gone.
    private static string? ReadIfStillThere(string pidFile)
    {
        try
        {
            return File.ReadAllText(pidFile).Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    [Fact]
    public void The_guide_documents_every_deployment_setting_and_ships_the_files_it_names()
    {
        var guide = Guide;
        foreach (var setting in new[] { "TrustedProxies", "ServerName", "TrustedHosts", "ShutdownTimeout", "MinResponseDataRate", "MinResponseDataRateGrace" })
        {
            typeof(AppConfig).GetProperty(setting).ShouldNotBeNull(setting);
            guide.ShouldContain($"| `{setting}` |");
        }
        foreach (var flag in new[] { "trusted-proxies", "server-name", "trusted-hosts", "shutdown-timeout", "min-response-data-rate", "min-response-data-rate-grace" })
        {
            guide.ShouldContain($"`--{flag}`");
            guide.ShouldContain($"`MICROWEB_{flag.ToUpperInvariant().Replace('-', '_')}`");
            Should.NotThrow(() => new AppConfig().Load([$"--{flag}", flag.Contains("hosts") || flag.Contains("name") ? "a.test" : "1"]), flag);
        }
        foreach (var file in new[] { "deploy/nginx/microweb.conf", "deploy/nginx/microweb-proxy.conf", "deploy/microweb@.service", "deploy/microweb.env", "deploy/Dockerfile" })
        {
            File.Exists(Path.Combine(Nginx.RepositoryRoot, file)).ShouldBeTrue(file);
            guide.ShouldContain($"`{file}`");
        }
    }

    [Fact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            output.WriteLine("systemd-analyze is not installed: the unit file was not verified.");
            return;
        }
        var folder = Nginx.NewFolder();
        try
        {
            // Verified as an instance of the template, as `systemctl enable microweb@5001` would load it.
            var unit = Path.Combine(folder, "microweb@5001.service");
            File.Copy(Path.Combine(Nginx.RepositoryRoot, "deploy", "microweb@.service"), unit);
            var info = new ProcessStartInfo("/usr/bin/systemd-analyze", ["verify", "--man=no", unit]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var verify = Process.Start(info)!;
            var errors = await verify.StandardError.ReadToEndAsync();
            await verify.WaitForExitAsync();
            // It reports unknown keys and bad values as warnings; an executable missing on this machine is not the unit's fault.
            errors.Split('\n').Where(l => l.Length > 0 && !l.Contains("is not executable") && !l.Contains("No such file or directory"))
                .ShouldBeEmpty();
            verify.ExitCode.ShouldBe(0);
        }
        finally { Directory.Delete(folder, true); }
    }
}
