using System.Collections.Concurrent;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MicroWeb.Tests.DependencyInjection;

// A scoped service (a database context, typically) is one instance per request, disposed after it, never shared.
public sealed class Probe : IDisposable
{
    public static readonly ConcurrentBag<Guid> Disposed = [];
    public Guid Id { get; } = Guid.NewGuid();
    public void Dispose() => Disposed.Add(Id);
}

public sealed class ProbeHandlers(Probe probe)
{
    [Route("/handler-class")]
    public string Show() => probe.Id.ToString();
}

public class ServiceScopeTests
{
    private static void Routes(MicroWebApp app)
    {
        app.Get("/lambda", (Probe probe) => probe.Id.ToString());
        app.Get("/twice", (Probe first, [FromServices] Probe second) => first == second ? "same" : "different");
        app.AddRoutes(typeof(ProbeHandlers));
    }

    [Theory]
    [InlineData("/lambda")]
    [InlineData("/handler-class")]
    public async Task Without_a_host_each_request_gets_its_own_scope(string path)
    {
        var services = new ServiceCollection().AddScoped<Probe>().BuildServiceProvider(validateScopes: true);
        var app = new MicroWebApp(new MicroWebOptions { Name = "t", Services = services });
        Routes(app);
        var client = app.TestClient();

        var first = Guid.Parse((await client.GetAsync(path)).Text);
        var second = Guid.Parse((await client.GetAsync(path)).Text);

        first.ShouldNotBe(second);
        Probe.Disposed.ShouldContain(first);
        Probe.Disposed.ShouldContain(second);
        (await client.GetAsync("/twice")).Text.ShouldBe("same");
    }

    [Fact]
    public async Task A_generic_host_runs_the_app_with_its_configuration_and_a_scope_per_request()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicroWeb:Port"] = "0",
            ["MicroWeb:AccessLog"] = "false",
            ["MicroWeb:MaxContentLength"] = "1234",
        });
        builder.Services.AddScoped<Probe>();
        builder.Services.AddMicroWeb(Routes);
        using var host = builder.Build();
        await host.StartAsync();
        var app = host.Services.GetRequiredService<MicroWebApp>();
        try
        {
            app.Config.MaxContentLength.ShouldBe(1234);
            app.Config.AccessLog.ShouldBeFalse();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls[0]) };
            var first = Guid.Parse(await http.GetStringAsync("lambda"));
            var second = Guid.Parse(await http.GetStringAsync("handler-class"));
            first.ShouldNotBe(second);
            Probe.Disposed.ShouldContain(first);
        }
        finally
        {
            await host.StopAsync();
        }
        app.Urls.ShouldNotBeEmpty();
        await Should.ThrowAsync<HttpRequestException>(() => new HttpClient().GetAsync(app.Urls[0] + "lambda"));
    }

    [Fact]
    public void An_unknown_setting_in_the_configuration_stops_startup_naming_it()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MicroWeb:Prot"] = "8080" });
        builder.Services.AddMicroWeb(_ => { });
        using var host = builder.Build();

        Should.Throw<ArgumentException>(() => host.Services.GetRequiredService<MicroWebApp>()).Message.ShouldContain("MicroWeb:Prot");
    }

    [Fact]
    public async Task Requests_without_services_say_how_to_add_them()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Get("/", (RequestContext c) => c.RequestServices.ToString()!);
        app.Debug = true;
        (await app.TestClient().GetAsync("/")).Text.ShouldContain("MicroWebOptions.Services");
    }
}
