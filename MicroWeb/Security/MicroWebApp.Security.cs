using MicroWeb.Security;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>
    /// Adds the usual security headers to every response (off by default, as in Flask; this is the one-liner that
    /// Flask-Talisman or ASP.NET Core's middleware would be): <c>X-Content-Type-Options</c>, <c>Referrer-Policy</c>,
    /// <c>X-Frame-Options</c>, a <c>Content-Security-Policy</c> and, on HTTPS requests, HSTS. A header the response
    /// already has is kept, so a handler (or <c>/docs</c>, which sends a policy fitted to Swagger UI) can set its own.
    /// <code>
    /// app.UseSecurityHeaders();
    /// app.UseSecurityHeaders(o =&gt; o.ContentSecurityPolicy = "default-src 'self'; img-src 'self' https:");
    /// </code>
    /// </summary>
    public MicroWebApp UseSecurityHeaders(Action<SecurityHeadersOptions>? configure = null)
    {
        ThrowIfStarted();
        var options = new SecurityHeadersOptions();
        configure?.Invoke(options);
        var headers = new List<(string Name, string Value)>();
        void Add(string name, string? value)
        {
            if (value is null) return;
            Http.ResponseHeaders.Validate(name, value); // a bad value fails here, at startup, not on every response
            headers.Add((name, value));
        }
        Add("X-Content-Type-Options", options.ContentTypeOptions);
        Add("Referrer-Policy", options.ReferrerPolicy);
        Add("X-Frame-Options", options.FrameOptions);
        Add("Content-Security-Policy", options.ContentSecurityPolicy);
        var hsts = options.StrictTransportSecurity;
        if (hsts is not null) Http.ResponseHeaders.Validate("Strict-Transport-Security", hsts);

        return AfterRequest((context, response) =>
        {
            foreach (var (name, value) in headers)
                if (!response.Headers.Contains(name)) response.Headers[name] = value;
            if (hsts is not null && context.Request.Scheme == "https" && !response.Headers.Contains("Strict-Transport-Security"))
                response.Headers["Strict-Transport-Security"] = hsts;
            return response;
        });
    }
}
