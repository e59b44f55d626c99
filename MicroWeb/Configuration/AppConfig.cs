using MicroWeb.Configuration;
namespace MicroWeb;

/// <summary>
/// Typed settings of an app. Set them in code, or load them with <see cref="Load"/>
/// from environment variables (<c>MICROWEB_PORT</c>, ...) and command-line flags (<c>--port</c>, ...).
/// </summary>
public sealed partial class AppConfig
{
    /// <summary>
    /// Detailed error pages and template reloading. Off by default: never enable it on a public network.
    /// Set to false in code, it stays off: <see cref="Load"/> lets the environment and flags turn debug off, never on
    /// against the code (as Flask's <c>app.run(debug=False)</c> wins over <c>FLASK_DEBUG</c>).
    /// </summary>
    public bool Debug
    {
        get => _debug;
        set
        {
            _debug = value;
            _debugOffInCode = !value;
        }
    }

    private bool _debug;
    private bool _debugOffInCode;

    // From the environment or a flag: may turn debug off, and on only when the code did not say false.
    private void LoadDebug(bool value) => _debug = value && !_debugOffInCode;

    /// <summary>Address to listen on: 127.0.0.1 by default; 0.0.0.0, ::, * or + for all interfaces.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 5000 by default, 0 for any free port.</summary>
    public int Port { get; set; } = 5000;

    /// <summary>Key for signing session cookies: at least 32 random bytes (<c>openssl rand -hex 32</c>); a shorter one
    /// stops the server from starting in production.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Old secret keys that still verify session cookies (only <see cref="SecretKey"/> signs new ones), so a
    /// key can be rotated without logging everyone out (Flask's <c>SECRET_KEY_FALLBACKS</c>). Variable and flag take
    /// a comma-separated list.</summary>
    public IList<string> SecretKeyFallbacks { get; set; } = [];

    /// <summary>The session cookie's name and attributes.</summary>
    public Sessions.SessionOptions Session { get; } = new();

    /// <summary>
    /// How long a session stays valid after it was last written: 31 days by default, as Flask's
    /// <c>PERMANENT_SESSION_LIFETIME</c>. Every session cookie carries a signed timestamp; an older one reads as an
    /// empty session, permanent or not. A permanent session (<see cref="Session.Permanent"/>) also tells the
    /// browser to keep the cookie that long. Variable and flag take seconds.
    /// </summary>
    public TimeSpan PermanentSessionLifetime { get; set; } = TimeSpan.FromDays(31);

    /// <summary>Most bytes of form fields read into memory (url-encoded fields, multipart fields without a file name):
    /// 500 kB by default, as Flask; more gets 413. Uploaded files are not counted (they go to disk past a threshold).</summary>
    public long MaxFormMemorySize { get; set; } = 500 * 1000;

    /// <summary>Most fields and files a form may have: 1,000 by default, as Flask (ASP.NET Core allows 1,024); more gets 413.</summary>
    public int MaxFormParts { get; set; } = 1000;

    /// <summary>Serve the OpenAPI document and the /docs explorer registered by <c>UseOpenApi</c>. On by default;
    /// set it off in production (<c>MICROWEB_API_DOCS=0</c>) to answer 404 there instead.</summary>
    public bool ApiDocs { get; set; } = true;

    /// <summary>Largest request body accepted, in bytes (16 MB by default); larger ones get 413.</summary>
    public long MaxContentLength { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest request target (path and query) accepted, in characters; longer ones get 414.</summary>
    public int MaxUrlLength { get; set; } = 8 * 1024;

    /// <summary>Most request header fields accepted; more get 431. (HttpListener itself refuses headers over about 32 KB in total.)</summary>
    public int MaxHeaderCount { get; set; } = 100;

    /// <summary>Most requests handled at once. When all are busy, new connections wait in the listener's queue
    /// instead of starting more work, so load never turns into unbounded task growth.</summary>
    public int MaxConcurrentRequests { get; set; } = 512;

    /// <summary>How long reading a request body may take before the request is answered 408.</summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder of static files, relative to the content root; null turns static serving off.</summary>
    public string? StaticFolder { get; set; } = "static";

    /// <summary>URL where static files are served ("/static" by default; "/" serves a whole site).</summary>
    public string StaticUrlPath { get; set; } = "/static";

    /// <summary>Folder of templates, relative to the content root.</summary>
    public string TemplatesFolder { get; set; } = "templates";

    /// <summary>Folder that <see cref="TemplatesFolder"/>, <see cref="StaticFolder"/> and relative <c>SendFile</c> paths are
    /// resolved against, as Flask's <c>root_path</c>: by default the project's folder in a development build and the
    /// app's own folder (<see cref="AppContext.BaseDirectory"/>) when published; never the current directory.</summary>
    public string ContentRoot { get; set; } = DefaultContentRoot.Path;

    /// <summary>One line per request on the log, as Flask's server prints. On by default; off for a quiet log.</summary>
    public bool AccessLog { get; set; } = true;

    /// <summary>How long a graceful stop waits for requests in flight before resetting their connections (5 s by
    /// default: under the 10 s that Docker and most process managers give between SIGTERM and SIGKILL).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many reverse proxies in front of the app to believe (Werkzeug's ProxyFix): 0, the default, ignores
    /// <c>X-Forwarded-*</c> and <c>Forwarded</c> entirely. With 1 (one nginx), the last value of each header is taken,
    /// the one that proxy wrote; values a client put before it are never believed. See docs/deploying.md.
    /// </summary>
    public int TrustedProxies { get; set; }

    /// <summary>
    /// Host names requests may be addressed to (Flask's <c>TRUSTED_HOSTS</c>, ASP.NET's <c>AllowedHosts</c>); others
    /// get 400. Compared without the port, ignoring case; <c>.example.com</c> also allows every subdomain. Empty:
    /// any well-formed host (or only <see cref="ServerName"/> and its subdomains when that is set).
    /// </summary>
    public IList<string> TrustedHosts { get; set; } = [];

    /// <summary>
    /// Slowest a client may read a response, in bytes per second, after <see cref="MinResponseDataRateGrace"/> (240 by
    /// default, as Kestrel); a client that stays below it has its connection reset. 0 turns the check off.
    /// </summary>
    public double MinResponseDataRate { get; set; } = 240;

    /// <summary>Time every write of a response gets before <see cref="MinResponseDataRate"/> applies (5 s by default).</summary>
    public TimeSpan MinResponseDataRateGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The public host name (and port) of the app, as Flask's <c>SERVER_NAME</c>. Rules with a subdomain
    /// (<c>[Route("/", Subdomain = "&lt;tenant&gt;")]</c>) match the part of the request's Host before it; absolute
    /// URLs use it instead of the request's Host; and, unless <see cref="TrustedHosts"/> says otherwise, requests for
    /// a host other than it or its subdomains get 400.
    /// </summary>
    public string? ServerName { get; set; }

    /// <summary>
    /// Applies environment variables (<c>MICROWEB_HOST</c>, <c>MICROWEB_PORT</c>, <c>MICROWEB_DEBUG</c>, ...) and then
    /// command-line flags (<c>--host</c>, <c>--port</c>, <c>--debug</c>, ...): flags win over the environment, which wins
    /// over values set in code before the call, except that neither turns on <see cref="Debug"/> when the code set it to
    /// false. Every setting has a variable and a flag (see <c>--help</c>). Returns the arguments that were not settings
    /// (commands, their arguments, and unknown flags, which the command line refuses).
    /// </summary>
    /// <exception cref="ArgumentException">A value is not allowed, or a flag has no value: one line naming the flag or
    /// variable and the values allowed.</exception>
    public IReadOnlyList<string> Load(string[] args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        foreach (var setting in Table)
            if (environment(setting.Variable) is { Length: > 0 } value)
                setting.Apply(this, value, setting.Variable);

        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null;
            string? inline = null;
            if (name is not null && name.IndexOf('=') is var eq and > 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            var setting = name is null ? null : Table.FirstOrDefault(s => s.Name == name);
            if (setting is null) { rest.Add(arg); continue; }
            if (inline is null && setting.IsSwitch && !(i + 1 < args.Length && IsBoolean(args[i + 1])))
                inline = "true"; // --debug alone; --debug off takes the next word
            var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{setting.Flag} needs a value: {setting.Allowed}."));
            setting.Apply(this, value, setting.Flag);
        }
        return rest;
    }

    private static bool IsBoolean(string word) => Configuration.SettingValue.Bool.TryParse(word, out _);

    /// <summary>
    /// Sets one setting by name, as written in any source: <c>port</c>, <c>Port</c>, <c>max-content-length</c>,
    /// <c>MaxContentLength</c>, <c>MAX_CONTENT_LENGTH</c> or <c>Session:Secure</c>. An unknown name or a bad value throws
    /// <see cref="ArgumentException"/> naming <paramref name="source"/> (the configuration key, flag or variable).
    /// </summary>
    public void Set(string name, string value, string? source = null)
    {
        var setting = Find(name)
            ?? throw new ArgumentException($"{source ?? name}: there is no setting of that name (settings: {string.Join(", ", Table.Select(s => s.ConfigurationKey))}).");
        setting.Apply(this, value, source ?? name);
    }

    /// <summary>Resolves a folder setting against <see cref="ContentRoot"/>.</summary>
    public string Resolve(string folder) => Path.GetFullPath(Path.Combine(ContentRoot, folder));
}
