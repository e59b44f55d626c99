using Microsoft.Extensions.Logging;

namespace MicroWeb;

/// <summary>Everything an embedding application may set when it creates a <see cref="MicroWebApp"/>.</summary>
public sealed class MicroWebOptions
{
    /// <summary>Name shown in the banner and logs; the entry assembly's name when null.</summary>
    public string? Name { get; set; }

    /// <summary>URLs to listen on with <see cref="MicroWebApp.StartAsync(CancellationToken)"/>, e.g. <c>http://127.0.0.1:0/</c>.</summary>
    public IList<string> Urls { get; } = [];

    /// <summary>Debug mode.</summary>
    public bool Debug { get; set; }

    /// <summary>Folder that static/ and templates/ are resolved against; the current directory when null.</summary>
    public string? ContentRoot { get; set; }

    /// <summary>Key that signs session cookies.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The logger to use (from your ILoggerFactory); a console logger when null.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The app's services (a DI container). Each request then gets a scope (<see cref="RequestContext.RequestServices"/>),
    /// disposed when the request ends; handler classes are created from it and handler parameters of registered types
    /// bind from it. <c>services.AddMicroWeb(...)</c> sets this to the host's provider.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>Creates handler classes, e.g. <c>t =&gt; ActivatorUtilities.CreateInstance(provider, t)</c> or
    /// <c>provider.GetRequiredService</c>; <c>Activator.CreateInstance</c> when null.</summary>
    public Func<Type, object>? HandlerFactory { get; set; }
}
