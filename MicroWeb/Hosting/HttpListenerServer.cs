using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using MicroWeb.Diagnostics;
using MicroWeb.Http;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Hosting;

/// <summary>
/// The adapter between System.Net.HttpListener and the app's pipeline: it turns listener contexts into
/// <see cref="Request"/>s and writes <see cref="Response"/>s back. Nothing else in MicroWeb knows HttpListener.
/// </summary>
internal sealed class HttpListenerServer
{
    private readonly MicroWebApp _app;
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    // Fires when the grace period of a stop runs out: requests still running are told to give up.
    private readonly CancellationTokenSource _abandon = new();
    private readonly List<Task> _acceptLoops = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private SemaphoreSlim _slots = new(1);

    // Largest in-memory body written synchronously (see WriteAsync).
    private const int SmallBody = 16 * 1024;

    // Largest body of unknown length held back to be sent with a Content-Length (see ResponseBuffer).
    private const int BufferedBody = 64 * 1024;

    public HttpListenerServer(MicroWebApp app, IReadOnlyList<string> prefixes)
    {
        _app = app;
        Prefixes = prefixes;
        foreach (var prefix in prefixes) _listener.Prefixes.Add(prefix);
        _listener.IgnoreWriteExceptions = true;
    }

    public IReadOnlyList<string> Prefixes { get; }

    private IEnumerable<int> Ports => Prefixes.Select(p => new Uri(p.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0")).Port);

    /// <summary>Starts listening; throws <see cref="InvalidOperationException"/> with advice when the address is unusable.</summary>
    public void Start(int acceptLoops, int maxConcurrentRequests)
    {
        _slots = new SemaphoreSlim(maxConcurrentRequests, maxConcurrentRequests);
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new InvalidOperationException(
                $"Cannot listen on {string.Join(", ", Prefixes)}: {e.Message}. " +
                "If the port is in use, stop the other program or choose another port (--port or MICROWEB_PORT); " +
                "if the address is refused, use 127.0.0.1, localhost or 0.0.0.0.", e);
        }
        catch (ArgumentNullException e) when (e.StackTrace?.Contains("HttpEndPointListener", StringComparison.Ordinal) == true)
        {
            // A known HttpListener bug (dotnet/corefx#35191): a connection that arrives in the instant Start() takes
            // hold of the port breaks the listener it was building, and that listener's socket stays open. Nothing
            // in this process can recover the port, so say what happened instead of failing later on a strange error.
            throw new InvalidOperationException(
                $"HttpListener failed while starting on {string.Join(", ", Prefixes)} because a client connected at that very " +
                "moment (a known .NET bug, dotnet/corefx#35191). Start the app again.", e);
        }
        ListenerSockets.DisableNagle(Ports);
        for (var i = 0; i < acceptLoops; i++) _acceptLoops.Add(Task.Run(AcceptLoopAsync));
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            // A free slot first: when every slot is busy, connections wait in the listener's queue.
            try { await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested || !_listener.IsListening)
            {
                _slots.Release();
                return;
            }
            catch (HttpListenerException e)
            {
                _slots.Release();
                _app.Logger.LogDebug(e, "Accept failed");
                continue;
            }
            Interlocked.Increment(ref _inFlight);
            _ = ServeAsync(context);
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        // Read what the access log needs now: the listener may recycle the context once the response is closed.
        var listenerRequest = context.Request;
        var (remote, method, target) = (listenerRequest.RemoteEndPoint, listenerRequest.HttpMethod, listenerRequest.RawUrl ?? "");
        var activity = RequestTelemetry.Start(method, listenerRequest.Headers["traceparent"], listenerRequest.Headers["tracestate"]);
        Request? request = null;
        try
        {
            request = ToRequest(listenerRequest, remote);
            var response = await _app.HandleCoreAsync(request).ConfigureAwait(false);
            status = response.StatusCode; // what the log shows if writing fails
            status = await WriteAsync(context.Response, response, request.Method == "HEAD", target).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A vanished client is routine (debug level); a body that failed after the headers went out is a bug
            // worth one error line. Either way: clean up and keep serving.
            if (e is IOException or HttpListenerException or ObjectDisposedException or OperationCanceledException)
                _app.Logger.LogDebug(e, "Connection dropped while answering {Url}", target);
            else
                _app.Logger.LogError(e, "Response to {Method} {Url} failed after its headers were sent", method, target);
            try { context.Response.Abort(); } catch (Exception) { /* already gone */ }
        }
        finally
        {
            _slots.Release();
            _app.LogAccess(remote, method, target, status, started);
            RequestTelemetry.Stop(activity, method, request?.MatchedRoute?.Rule, status, request?.Scheme ?? "http", Stopwatch.GetElapsedTime(started));
            if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping.IsCancellationRequested) _drained.TrySetResult();
        }
    }

    private Request ToRequest(HttpListenerRequest r, IPEndPoint remote)
    {
        var target = r.RawUrl is { Length: > 0 } raw && raw[0] == '/' ? raw : r.Url?.PathAndQuery ?? "/";
        return new Request(r.HttpMethod, target, new RequestHeaders(r.Headers), r.HasEntityBody ? r.InputStream : null,
            remote, "http", _abandon.Token);
    }

    // Returns the status actually sent. Most responses are a small in-memory body (or none): those are written
    // here synchronously, without an async state machine; the rest go through WriteSlowAsync.
    private ValueTask<int> WriteAsync(HttpListenerResponse target, Response response, bool head, string url)
    {
        WriteHead(target, response);
        var (length, writeBody) = BodyFraming.For(response, head ? "HEAD" : "GET");
        if (!writeBody && length is not null && response.Body is null or BytesBody)
        {
            target.ContentLength64 = length.Value;
            target.Close();
            return new(response.StatusCode);
        }
        if (writeBody && response.Body is BytesBody { Bytes.Length: <= SmallBody } small && MemoryMarshal.TryGetArray(small.Bytes, out var segment))
        {
            // Small in-memory bodies are written synchronously: the managed listener sends headers and body in
            // one send either way, and its async path (APM over a socket) costs more than the send itself.
            // A body this size fits the socket's send buffer, so the write does not wait on the client.
            target.ContentLength64 = segment.Count;
            target.OutputStream.Write(segment.Array!, segment.Offset, segment.Count);
            target.Close();
            return new(response.StatusCode);
        }
        return WriteSlowAsync(target, response, head, length, writeBody, url);
    }

    private static void WriteHead(HttpListenerResponse target, Response response)
    {
        target.StatusCode = response.StatusCode;
        if (response.ContentType is not null) target.ContentType = response.ContentType;
        if (!response.HasHeaders) return; // enumerating allocates; most responses have no extra headers
        foreach (var (name, value) in response.Headers)
        {
            // HttpListener owns the Connection header; "close" from the pipeline (413, 408) means end the connection.
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase)) target.KeepAlive = !value.Equals("close", StringComparison.OrdinalIgnoreCase);
            else target.AppendHeader(name, value);
        }
    }

    private async ValueTask<int> WriteSlowAsync(HttpListenerResponse target, Response response, bool head, long? length, bool writeBody, string url)
    {
        var body = response.Body;
        try
        {
            // HEAD of a body of unknown length: HttpListener still frames an empty chunked body ("0\r\n\r\n") that a
            // client does not read, which would corrupt the next response on a kept-alive connection. End it instead.
            if (head && length is null) target.KeepAlive = false;
            if (writeBody && length is null)
            {
                // Unknown length: held back until it ends (then sent with a Content-Length) unless it grows large.
                await using var buffer = new ResponseBuffer(target, BufferedBody);
                try
                {
                    await body!.WriteToAsync(buffer, _abandon.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!buffer.Sent && e is not (IOException or HttpListenerException or OperationCanceledException))
                {
                    // Nothing has left yet, so the client can still be told the truth: a 500, not a cut-short 200.
                    _app.Logger.LogError(e, "The body of the response to {Url} failed before any of it was sent; answered 500", url);
                    SendServerError(target);
                    return 500;
                }
                await buffer.CompleteAsync(SmallBody, _abandon.Token).ConfigureAwait(false);
            }
            else
            {
                if (length is { } known) target.ContentLength64 = known;
                if (writeBody) await body!.WriteToAsync(target.OutputStream, _abandon.Token).ConfigureAwait(false);
            }
            target.Close();
            return response.StatusCode;
        }
        finally
        {
            if (body is not null) await body.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void SendServerError(HttpListenerResponse target)
    {
        var text = "Internal Server Error"u8;
        target.Headers.Clear();
        target.StatusCode = 500;
        target.ContentType = "text/plain; charset=utf-8";
        target.ContentLength64 = text.Length;
        target.OutputStream.Write(text);
        target.Close();
    }

    /// <summary>Stops accepting, lets requests in flight finish within the timeout, then closes.</summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        if (Volatile.Read(ref _inFlight) == 0) _drained.TrySetResult();
        try
        {
            await _drained.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            _app.Logger.LogWarning("Stopped with {Count} request(s) still running", Volatile.Read(ref _inFlight));
        }
        _abandon.Cancel();
        // Close alone, never Stop() first: on Linux, closing a stopped listener removes its prefixes a second time,
        // which binds the port again for an instant and throws "Address already in use" if anything took it meanwhile.
        _listener.Close();
        // Pending GetContextAsync calls end with an exception once the listener is closed; don't wait forever if one doesn't.
        await Task.WhenAny(Task.WhenAll(_acceptLoops), Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        ConsoleLogWriter.Flush(TimeSpan.FromSeconds(1)); // the access log is written in the background
    }
}
