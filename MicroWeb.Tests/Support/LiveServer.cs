using System.Net;

namespace MicroWeb.Tests.Support;

/// <summary>
/// Runs an app on a real HttpListener socket on an ephemeral loopback port, with an HttpClient pointed at it
/// that does not follow redirects. Each test gets its own server; no sleeps: StartAsync returns once listening.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private LiveServer(MicroWebApp app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public MicroWebApp App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public int Port => BaseAddress.Port;

    /// <summary>Starts <paramref name="app"/> on 127.0.0.1 and a free port.</summary>
    public static async Task<LiveServer> StartAsync(MicroWebApp app)
    {
        await app.StartAsync("127.0.0.1", 0);
        return new LiveServer(app, new Uri(app.Urls[0]));
    }

    /// <summary>Starts the sample app, as `dotnet run --project MicroWeb.Sample` would, with extra arguments.</summary>
    public static Task<LiveServer> StartSampleAsync(params string[] args) =>
        StartAsync(MicroWeb.Sample.SampleApp.Create(args).App);

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
    }
}
