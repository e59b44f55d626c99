using System.Collections.Specialized;
using BenchmarkDotNet.Attributes;
using MicroWeb;
using MicroWeb.Http;

namespace RouterBench;

/// <summary>
/// One request of the benchmarked endpoints through the whole pipeline, as the server runs it: the request built
/// from the listener's data, the server's entry to the pipeline (HandleCoreAsync, which the public HandleAsync wraps
/// in a Task), and the body written. The allocations reported are MicroWeb's own per request (HttpListener's are not
/// included).
/// </summary>
public class PipelineBenchmarks
{
    private static readonly NameValueCollection Headers = new() { ["Host"] = "127.0.0.1:5000", ["Accept"] = "*/*" };
    private MicroWebApp _app = null!;

    [Params("/", "/datos/frutas", "/hola/Daniel", "/hola?nombre=Daniel", "/static/style.css")]
    public string Path { get; set; } = "/";

    [GlobalSetup]
    public void Setup()
    {
        _app = MicroWeb.Sample.SampleApp.Create([]).App;
        _app.Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    [Benchmark]
    public async Task<int> HandleRequest()
    {
        var request = new Request("GET", Path, new RequestHeaders(Headers));
        var response = await _app.HandleCoreAsync(request);
        if (response.Body is { } body)
        {
            await body.WriteToAsync(Stream.Null, CancellationToken.None);
            await body.DisposeAsync();
        }
        return response.StatusCode;
    }
}
