using MicroWeb.Configuration;
using MicroWeb.Http;
using static MicroWeb.Configuration.SettingValue;

namespace MicroWeb;

public sealed partial class AppConfig
{
    // The one table of settings: variables, flags, IConfiguration keys, --help and the docs' table are all made from it,
    // and a test proves it has a row for every public settable property of AppConfig and SessionOptions.
    internal static readonly IReadOnlyList<Setting> Table =
    [
        Setting.Of(nameof(Debug), "debug", Bool, c => c.Debug, (c, v) => c.LoadDebug(v)),
        Setting.Of(nameof(Testing), "testing", Bool, c => c.Testing, (c, v) => c.Testing = v),
        Setting.Of(nameof(PropagateExceptions), "propagate-exceptions", Bool, c => c.PropagateExceptions ?? c.Testing, (c, v) => c.PropagateExceptions = v),
        Setting.Of(nameof(Host), "host", Text, c => c.Host, (c, v) => c.Host = v),
        Setting.Of(nameof(Port), "port", Int(0, 65535), c => c.Port, (c, v) => c.Port = v),
        Setting.Of(nameof(ServerName), "server-name", OptionalText, c => c.ServerName, (c, v) => c.ServerName = v),
        Setting.Of(nameof(TrustedHosts), "trusted-hosts", List, c => c.TrustedHosts, (c, v) => c.TrustedHosts = v),
        Setting.Of(nameof(TrustedProxies), "trusted-proxies", Int(0), c => c.TrustedProxies, (c, v) => c.TrustedProxies = v),
        Setting.Of(nameof(AccessLog), "access-log", Bool, c => c.AccessLog, (c, v) => c.AccessLog = v),
        Setting.Of(nameof(ContentRoot), "content-root", FullPath, c => c.ContentRoot, (c, v) => c.ContentRoot = v,
            defaultText: "the project's folder (development build) or the app's folder (published)"),
        Setting.Of(nameof(InstancePath), "instance-path", FullPath, c => c.InstancePath, (c, v) => c.InstancePath = v,
            defaultText: "instance, under the content root"),
        Setting.Of(nameof(TemplatesFolder), "templates-folder", Text, c => c.TemplatesFolder, (c, v) => c.TemplatesFolder = v),
        Setting.Of(nameof(StaticFolder), "static-folder", OptionalText, c => c.StaticFolder, (c, v) => c.StaticFolder = v),
        Setting.Of(nameof(StaticUrlPath), "static-url-path", Text, c => c.StaticUrlPath, (c, v) => c.StaticUrlPath = v),
        Setting.Of(nameof(ApiDocs), "api-docs", Bool, c => c.ApiDocs, (c, v) => c.ApiDocs = v),
        Setting.Of(nameof(SecretKey), "secret-key", OptionalText, c => c.SecretKey, (c, v) => c.SecretKey = v, isSecret: true),
        Setting.Of(nameof(SecretKeyFallbacks), "secret-key-fallbacks", List, c => c.SecretKeyFallbacks, (c, v) => c.SecretKeyFallbacks = v, isSecret: true),
        Setting.Of(nameof(PermanentSessionLifetime), "permanent-session-lifetime", Seconds(positive: true), c => c.PermanentSessionLifetime, (c, v) => c.PermanentSessionLifetime = v),
        Setting.Of("Session.CookieName", "session-cookie-name", Text, c => c.Session.CookieName, (c, v) => c.Session.CookieName = v),
        Setting.Of("Session.Domain", "session-cookie-domain", OptionalText, c => c.Session.Domain, (c, v) => c.Session.Domain = v),
        Setting.Of("Session.Path", "session-cookie-path", Text, c => c.Session.Path, (c, v) => c.Session.Path = v),
        Setting.Of("Session.Secure", "session-cookie-secure", Bool, c => c.Session.Secure, (c, v) => c.Session.Secure = v),
        Setting.Of("Session.HttpOnly", "session-cookie-httponly", Bool, c => c.Session.HttpOnly, (c, v) => c.Session.HttpOnly = v),
        Setting.Of("Session.SameSite", "session-cookie-samesite", Enum<SameSiteMode>(), c => c.Session.SameSite, (c, v) => c.Session.SameSite = v),
        Setting.Of("Session.RefreshEachRequest", "session-refresh-each-request", Bool, c => c.Session.RefreshEachRequest, (c, v) => c.Session.RefreshEachRequest = v),
        Setting.Of(nameof(MaxContentLength), "max-content-length", Long(0), c => c.MaxContentLength, (c, v) => c.MaxContentLength = v),
        Setting.Of(nameof(MaxFormMemorySize), "max-form-memory-size", Long(0), c => c.MaxFormMemorySize, (c, v) => c.MaxFormMemorySize = v),
        Setting.Of(nameof(MaxFormParts), "max-form-parts", Int(0), c => c.MaxFormParts, (c, v) => c.MaxFormParts = v),
        Setting.Of(nameof(MaxUrlLength), "max-url-length", Int(1), c => c.MaxUrlLength, (c, v) => c.MaxUrlLength = v),
        Setting.Of(nameof(MaxHeaderCount), "max-header-count", Int(1), c => c.MaxHeaderCount, (c, v) => c.MaxHeaderCount = v),
        Setting.Of(nameof(MaxConcurrentRequests), "max-concurrent-requests", Int(1), c => c.MaxConcurrentRequests, (c, v) => c.MaxConcurrentRequests = v),
        Setting.Of(nameof(BodyReadTimeout), "body-read-timeout", Seconds(positive: true), c => c.BodyReadTimeout, (c, v) => c.BodyReadTimeout = v),
        Setting.Of(nameof(MinResponseDataRate), "min-response-data-rate", Number(0), c => c.MinResponseDataRate, (c, v) => c.MinResponseDataRate = v),
        Setting.Of(nameof(MinResponseDataRateGrace), "min-response-data-rate-grace", Seconds(), c => c.MinResponseDataRateGrace, (c, v) => c.MinResponseDataRateGrace = v),
        Setting.Of(nameof(ShutdownTimeout), "shutdown-timeout", Seconds(), c => c.ShutdownTimeout, (c, v) => c.ShutdownTimeout = v),
    ];

    /// <summary>The row for a flag's or variable's name in any spelling, or null.</summary>
    internal static Setting? Find(string name) => Table.FirstOrDefault(s => s.IsNamed(name));
}
