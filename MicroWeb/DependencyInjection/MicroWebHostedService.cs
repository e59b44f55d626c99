using Microsoft.Extensions.Hosting;

namespace MicroWeb.DependencyInjection;

/// <summary>Runs a <see cref="MicroWebApp"/> for the lifetime of a Generic Host: started with it, stopped gracefully with it.</summary>
internal sealed class MicroWebHostedService(MicroWebApp app) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => app.StartAsync(cancellationToken);

    // The host's shutdown token bounds the drain, together with Config.ShutdownTimeout.
    public Task StopAsync(CancellationToken cancellationToken) => app.StopAsync(cancellationToken);
}
