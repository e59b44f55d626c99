using System.Net;
using System.Text;
using MicroWeb.Http;
using MicroWeb.Tests.Support;
using Xunit.Abstractions;

namespace MicroWeb.Tests.Forms;

/// <summary>
/// Memory per request is bounded by the limits, not by the body: concurrent 16 MB uploads over real sockets, the
/// process's peak resident memory (VmHWM, reset before each round) measured around them. The same round against a
/// handler that buffers the body shows the measurement sees buffering.
/// </summary>
[Collection(SerialCollection.Name)]
public class UploadMemoryTests(ITestOutputHelper output)
{
    private const int Uploads = 8;
    private const int UploadBytes = 16 * 1024 * 1024 - 4096; // under the default 16 MB body limit, with the part headers

    [Fact]
    public async Task Concurrent_large_uploads_cost_disk_not_memory()
    {
        if (!OperatingSystem.IsLinux()) return; // VmHWM and clear_refs are Linux's
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() }) { Config = { AccessLog = false } };
        app.Post("/spooled", async (Request r) => (await r.ReadFilesAsync()).Sum(f => f.IsOnDisk ? f.Length : -f.Length).ToString());
        app.Post("/buffered", async (Request r) => (await r.ReadBodyAsync()).Length.ToString());
        await using var server = await LiveServer.StartAsync(app);

        await Round(server, "/spooled"); // warm up: JIT, thread pool, sockets
        var spooled = await Round(server, "/spooled");
        var buffered = await Round(server, "/buffered");

        output.WriteLine($"peak RSS growth: spooled {spooled / 1048576} MB, buffered {buffered / 1048576} MB");
        buffered.ShouldBeGreaterThan(Uploads * (long)UploadBytes, "the measurement must see bodies held in memory");
        spooled.ShouldBeLessThan(32L * 1024 * 1024, $"{Uploads} concurrent uploads of {UploadBytes / 1024 / 1024} MB each, spooled to disk");
    }

    // Peak resident memory growth while the uploads run, in bytes.
    private static async Task<long> Round(LiveServer server, string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Kilobytes("VmRSS");
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5"); // resets VmHWM to the current RSS
        var answers = await Task.WhenAll(Enumerable.Range(0, Uploads).Select(async _ =>
        {
            // The control is not a form (the pipeline would read a form before the handler): the handler buffers it.
            using var response = await server.Client.PostAsync(path, new GeneratedUpload(UploadBytes, asForm: path == "/spooled"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return await response.Content.ReadAsStringAsync();
        }));
        if (path == "/spooled") answers.ShouldAllBe(a => a == UploadBytes.ToString());
        return (Kilobytes("VmHWM") - before) * 1024;
    }

    private static long Kilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
    }

    // A multipart body with one file, written as it is sent from one reused buffer: the client holds no copy.
    private sealed class GeneratedUpload : HttpContent
    {
        private static readonly byte[] Head = Encoding.ASCII.GetBytes("--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        private static readonly byte[] Tail = Encoding.ASCII.GetBytes("\r\n--B--\r\n");
        private readonly int _size;

        public GeneratedUpload(int size, bool asForm)
        {
            _size = size;
            Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(asForm ? "multipart/form-data; boundary=B" : "application/octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Head);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'z');
            for (var left = _size; left > 0; left -= chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)));
            await stream.WriteAsync(Tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Head.Length + _size + Tail.Length;
            return true;
        }
    }
}
