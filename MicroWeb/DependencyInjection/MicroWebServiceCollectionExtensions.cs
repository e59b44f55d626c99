using MicroWeb;
using MicroWeb.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs a MicroWeb app in a Generic Host (<c>Host.CreateApplicationBuilder</c>).</summary>
public static class MicroWebServiceCollectionExtensions
{
    /// <summary>The configuration section whose keys are MicroWeb's settings (<c>MicroWeb:Port</c>, <c>MicroWeb:Debug</c>, ...).</summary>
    public const string ConfigurationSection = "MicroWeb";

    /// <summary>Adds a MicroWeb app as a hosted service; <paramref name="configure"/> registers its routes.</summary>
    public static IServiceCollection AddMicroWeb(this IServiceCollection services, Action<MicroWebApp> configure) =>
        services.AddMicroWeb((_, app) => configure(app));

    /// <summary>
    /// Adds a MicroWeb app as a hosted service, started and stopped with the host. The app logs through the host's
    /// <see cref="ILoggerFactory"/>, reads its settings from the <c>MicroWeb</c> section of <see cref="IConfiguration"/>,
    /// and gives every request a service scope: handler classes and handler parameters of registered types resolve
    /// from it, and it is disposed when the request ends. <paramref name="configure"/> registers the routes.
    /// </summary>
    public static IServiceCollection AddMicroWeb(this IServiceCollection services, Action<IServiceProvider, MicroWebApp> configure)
    {
        services.AddSingleton(provider =>
        {
            var environment = provider.GetService<IHostEnvironment>();
            var app = new MicroWebApp(new MicroWebOptions
            {
                Name = environment?.ApplicationName,
                Logger = provider.GetService<ILoggerFactory>()?.CreateLogger("MicroWeb"),
                Services = provider,
            });
            // The host's content root when the app's folders are there (dotnet run from the project); otherwise
            // MicroWeb's own default, which does not depend on the directory the service was started from.
            if (environment?.ContentRootPath is { } root && (Directory.Exists(Path.Combine(root, app.Config.TemplatesFolder))
                                                              || Directory.Exists(Path.Combine(root, app.Config.StaticFolder ?? "static"))))
                app.Config.ContentRoot = root;
            configure(provider, app);
            // After the code, as variables and flags are without a host: the code gives defaults, the deployment decides.
            if (provider.GetService<IConfiguration>()?.GetSection(ConfigurationSection) is { } section)
                Apply(section, app.Config);
            return app;
        });
        services.AddHostedService(provider => new MicroWebHostedService(provider.GetRequiredService<MicroWebApp>()));
        return services;
    }

    // Every key must be a setting; a list may be an array (TrustedHosts:0, TrustedHosts:1) or one comma-separated value.
    private static void Apply(IConfigurationSection section, AppConfig config)
    {
        foreach (var child in section.GetChildren())
            Apply(child, $"{ConfigurationSection}:{child.Key}", config);
    }

    private static void Apply(IConfigurationSection entry, string source, AppConfig config)
    {
        var name = source[(ConfigurationSection.Length + 1)..];
        var children = entry.GetChildren().ToList();
        if (children.Count == 0)
        {
            if (entry.Value is not null) config.Set(name, entry.Value, source);
            return;
        }
        if (children.All(c => int.TryParse(c.Key, out _) && c.Value is not null))
        {
            config.Set(name, string.Join(",", children.Select(c => c.Value)), source);
            return;
        }
        foreach (var child in children) Apply(child, $"{source}:{child.Key}", config); // Session:Secure
    }
}
