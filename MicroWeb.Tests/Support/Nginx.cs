using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace MicroWeb.Tests.Support;

/// <summary>
/// A real nginx (Debian's package), started as its own instance: a private main config, pid file, logs and temp
/// folders in a temp folder, listening on free loopback ports, stopped (SIGQUIT to its master, by PID) at the end.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;

    private Nginx(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    /// <summary>The nginx binary, or null when it is not installed.</summary>
    public static string? Executable { get; } =
        new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists);

    /// <summary>True under CI (CI=true), where a missing nginx is a failure, not a skipped test.</summary>
    public static bool RequiredByCi => Environment.GetEnvironmentVariable("CI") is "true" or "1";

    /// <summary>The instance's folder: config, pid file, logs, certificates.</summary>
    public string Folder { get; }

    /// <summary>The repository's root (deploy/, docs/), found upwards from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MicroWeb.sln"))) return dir.FullName;
            throw new InvalidOperationException("MicroWeb.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A fresh folder for an instance (write its site config and certificates there, then <see cref="StartAsync"/>).</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "microweb-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Starts nginx with <paramref name="site"/> (server and upstream blocks) inside a private main config, and
    /// returns once every port in <paramref name="ports"/> accepts connections.
    /// </summary>
    public static async Task<Nginx> StartAsync(string folder, string site, params int[] ports)
    {
        var executable = Executable ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx); CI installs it.");
        File.WriteAllText(Path.Combine(folder, "site.conf"), site);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            worker_processes 1;
            events { worker_connections 1024; }
            http {
                access_log {{folder}}/access.log;
                {{TempPaths(folder)}}
                include {{folder}}/site.conf;
            }
            """);
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf") }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var nginx = new Nginx(process, folder);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"nginx exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()} {nginx.ErrorLog}");
                using var probe = new TcpClient();
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(20);
                }
            }
        }
        return nginx;
    }

    // nginx's temporary folders, inside the instance's own folder (the package's defaults need root and /var/lib/nginx).
    private static string TempPaths(string folder) =>
        string.Join(" ", new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"{t}_temp_path {folder}/{t};"));

    /// <summary>Runs <c>nginx -t</c> on a site: null when the config is valid, else what nginx said.</summary>
    public static async Task<string?> TestConfigAsync(string folder, string site)
    {
        File.WriteAllText(Path.Combine(folder, "site.conf"), site);
        File.WriteAllText(Path.Combine(folder, "test.conf"), $$"""
            pid {{folder}}/test.pid;
            error_log {{folder}}/test-error.log warn;
            events { }
            http {
                access_log off;
                {{TempPaths(folder)}}
                include {{folder}}/site.conf;
            }
            """);
        var info = new ProcessStartInfo(Executable!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-t", "-q", "-p", folder, "-e", Path.Combine(folder, "test-error.log"), "-c", Path.Combine(folder, "test.conf") }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? null : errors;
    }

    public string ErrorLog => File.Exists(Path.Combine(Folder, "error.log")) ? File.ReadAllText(Path.Combine(Folder, "error.log")) : "";

    /// <summary>
    /// The repository's deploy/nginx/microweb.conf, made to run here: loopback listen addresses on free ports instead of
    /// 80 and 443 (no IPv6 listeners), these upstream ports instead of 5001 and 5002, a self-signed certificate for
    /// shop.example.com instead of Let's Encrypt's, and the proxy snippet from deploy/ instead of /etc/nginx/snippets.
    /// Nothing else changes.
    /// </summary>
    public static string DeploySite(string folder, int http, int https, int upstream1, int upstream2)
    {
        var deploy = Path.Combine(RepositoryRoot, "deploy", "nginx");
        WriteCertificate(folder);
        var site = File.ReadAllText(Path.Combine(deploy, "microweb.conf"));
        string Replace(string text, string pattern, string replacement)
        {
            var result = Regex.Replace(text, pattern, replacement, RegexOptions.Multiline);
            if (result == text) throw new InvalidOperationException($"deploy/nginx/microweb.conf changed: '{pattern}' not found");
            return result;
        }
        site = Replace(site, @"^\s*listen \[::\].*$\n", "");
        site = Replace(site, @"listen 80;", $"listen 127.0.0.1:{http};");
        site = Replace(site, @"listen 443 ssl", $"listen 127.0.0.1:{https} ssl");
        site = Replace(site, @"server 127\.0\.0\.1:5001", $"server 127.0.0.1:{upstream1}");
        site = Replace(site, @"server 127\.0\.0\.1:5002", $"server 127.0.0.1:{upstream2}");
        site = Replace(site, @"ssl_certificate\s+\S+;", $"ssl_certificate {folder}/cert.pem;");
        site = Replace(site, @"ssl_certificate_key\s+\S+;", $"ssl_certificate_key {folder}/key.pem;");
        site = Replace(site, @"include /etc/nginx/snippets/microweb-proxy\.conf;", $"include {deploy}/microweb-proxy.conf;");
        return site;
    }

    /// <summary>The proxy snippet's path in deploy/, for sites written by tests.</summary>
    public static string ProxySnippet => Path.Combine(RepositoryRoot, "deploy", "nginx", "microweb-proxy.conf");

    private static void WriteCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=shop.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("shop.example.com");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// An HttpClient that reaches this machine's nginx for any host name (https://shop.example.com:PORT/ goes to
    /// 127.0.0.1:PORT), from <paramref name="clientAddress"/>, trusting the test certificate; it follows no redirects.
    /// </summary>
    public static HttpClient Client(string clientAddress = "127.0.0.1") => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(clientAddress), 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill(_process.Id, 3); // SIGQUIT: the master stops its workers and exits
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A test that needs nginx: reported as skipped when it is missing, unless CI (CI=true) requires it.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (Nginx.Executable is null && !Nginx.RequiredByCi)
            Skip = "nginx is not installed: this test did not run (apt-get install nginx; CI installs it).";
    }
}
