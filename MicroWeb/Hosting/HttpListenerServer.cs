using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using MicroWeb.Files;
using MicroWeb.Http;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Hosting;

/// <summary>
/// The built-in <see cref="IServer"/>: the adapter between System.Net.HttpListener and the app's pipeline. It turns
/// listener contexts into <see cref="Request"/>s and writes <see cref="Response"/>s back, and owns everything that is
/// HttpListener's alone: prefixes and bound addresses, Nagle, the start race, resets, and the requests HttpListener
/// answers itself. Nothing else in MicroWeb knows HttpListener.
/// </summary>
internal sealed class HttpListenerServer : IServer
{
    private readonly IReadOnlyList<(string Host, int Port)> _endpoints;
    private readonly AppConfig _config;
    private readonly ILogger _logger;
    private IRequestPipeline _pipeline = null!;
    private bool _webSockets; // upgrade requests are looked for only in apps with WebSocket routes
    private HttpListener _listener = NewListener();
    private readonly CancellationTokenSource _stopping = new();
    // Fires when the grace period of a stop runs out: requests still running are told to give up.
    private readonly CancellationTokenSource _abandon = new();
    private readonly List<Task> _acceptLoops = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Requests being served, so a stop that runs out of time can reset their connections.
    private readonly ConcurrentDictionary<HttpListenerContext, Exchange> _active = new();
    private readonly List<ListenerEndPoint> _ownEndPoints = [];
    // Only without our own endpoints (see ListenerEndPoint): the local addresses requests may arrive on.
    private HashSet<IPAddress>? _acceptedLocalAddresses;
    private int _inFlight;
    private SemaphoreSlim _slots = new(1);

    // Largest in-memory body written synchronously (see WriteAsync).
    private const int SmallBody = 16 * 1024;

    // One request being answered. A response body that is only I/O (a file, bytes) gives its handler slot back
    // before it is sent: a slow reader then holds a connection, not one of MaxConcurrentRequests.
    private sealed class Exchange(HttpListenerContext context)
    {
        public HttpListenerContext Context { get; } = context;
        public bool HoldsSlot = true;
    }

    /// <summary>A server for <paramref name="endpoints"/> (host and port; port 0 is not resolved here), with the
    /// limits of <paramref name="config"/> (MaxConcurrentRequests, MinResponseDataRate), logging to <paramref name="logger"/>.</summary>
    public HttpListenerServer(IReadOnlyList<(string Host, int Port)> endpoints, AppConfig config, ILogger logger)
    {
        _endpoints = endpoints;
        _config = config;
        _logger = logger;
    }

    private static HttpListener NewListener() => new() { IgnoreWriteExceptions = true };

    /// <summary>
    /// False makes the server use HttpListener's own endpoints, as it must where its internals differ: then it
    /// listens on the port's every interface and refuses requests that arrive on another address than configured.
    /// </summary>
    internal bool UseOwnEndPoints { get; init; } = true;

    /// <summary>
    /// Starts listening; throws <see cref="InvalidOperationException"/> with advice when the address is unusable.
    /// Every endpoint gets the prefix <c>http://+:port/</c>, which accepts any Host header: behind nginx the Host is
    /// the public name or an upstream's name, not the address listened on. Which addresses are bound is decided here instead.
    /// </summary>
    public void Start(IRequestPipeline pipeline)
    {
        _pipeline = pipeline;
        _webSockets = pipeline.HasWebSocketRoutes;
        var maxConcurrentRequests = Math.Max(1, _config.MaxConcurrentRequests);
        _slots = new SemaphoreSlim(maxConcurrentRequests, maxConcurrentRequests);
        var bound = BoundAddresses();
        var ports = new List<int>();
        foreach (var b in bound)
            if (!ports.Contains(b.Port)) ports.Add(b.Port);
        foreach (var port in ports) _listener.Prefixes.Add($"http://+:{port}/");
        // One endpoint per port is registered with the listener; further addresses of a port (localhost's ::1) share
        // its prefixes. "All interfaces" cannot share a port with an address.
        var own = UseOwnEndPoints && ListenerEndPoint.Supported
                  && !bound.Exists(b => b.Address.Equals(IPAddress.Any) && bound.Count(other => other.Port == b.Port) > 1);
        try
        {
            if (own)
                foreach (var port in ports)
                {
                    var addresses = bound.FindAll(b => b.Port == port);
                    _ownEndPoints.Add(ListenerEndPoint.TryCreate(_listener, addresses[0].Address, port)!);
                    foreach (var other in addresses.Skip(1))
                        if (TryCreateSecondary(other.Address, port) is { } secondary) _ownEndPoints.Add(secondary);
                }
            else if (!bound.Any(b => ListenAddress.IsAllInterfaces(b.Host)))
            {
                _acceptedLocalAddresses = bound.Select(b => b.Address).ToHashSet();
                _logger.LogWarning("This runtime's HttpListener cannot listen on {Addresses} alone while accepting any Host header: " +
                    "listening on every interface and refusing connections to other addresses", string.Join(", ", _acceptedLocalAddresses));
            }
            StartListener();
        }
        catch (Exception e) when (e is SocketException or HttpListenerException || (e is InvalidOperationException && own))
        {
            foreach (var endPoint in _ownEndPoints) endPoint.Unregister();
            _ownEndPoints.Clear();
            throw new InvalidOperationException(
                $"Cannot listen on {string.Join(", ", _endpoints.Select(p => $"{p.Host}:{p.Port}"))}: {e.Message}. " +
                "If the port is in use, stop the other program or choose another port (--port or MICROWEB_PORT); " +
                "if the address is refused, use 127.0.0.1, localhost or 0.0.0.0.", e);
        }
        foreach (var endPoint in _ownEndPoints)
        {
            if (!endPoint.Registered) endPoint.ServePrefixesOf(_ownEndPoints.First(e => e.Registered && e.LocalEndPoint.Port == endPoint.LocalEndPoint.Port));
            endPoint.StartAccepting();
        }
        if (!own) ListenerSockets.DisableNagle(ports);
        // Several GetContextAsync calls outstanding, as one alone is a bottleneck (bench/README.md, "Accept concurrency").
        for (var i = 0; i < Math.Max(4, Environment.ProcessorCount * 4); i++) _acceptLoops.Add(Task.Run(AcceptLoopAsync));
    }

    private void StartListener()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _listener.Start();
                return;
            }
            catch (ArgumentNullException e) when (_ownEndPoints.Count == 0)
            {
                // Start() takes no argument, so this is HttpListener failing inside: with its own endpoints, a
                // connection that arrives while Start() binds the port breaks the endpoint it was building
                // (dotnet/corefx#35191). The failed listener is closed for good and the broken endpoint's socket
                // stays bound until the collector finalizes it: collect, then start a new listener, a few times.
                var prefixes = _listener.Prefixes.ToArray();
                if (attempt == 3)
                    throw new InvalidOperationException(
                        $"HttpListener failed {attempt} times while starting on {string.Join(", ", prefixes)} because clients " +
                        "connected at that very moment (a known .NET bug, dotnet/corefx#35191). Start the app again.", e);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                _listener = NewListener();
                foreach (var prefix in prefixes) _listener.Prefixes.Add(prefix);
            }
        }
    }

    /// <summary>The addresses listened on, as bound: for the URLs the app shows.</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => _ownEndPoints.Select(e => e.LocalEndPoint).ToArray();

    // A second address of a port (localhost's ::1): where the system has none (IPv6 off), the first one serves alone.
    private ListenerEndPoint? TryCreateSecondary(IPAddress address, int port)
    {
        try
        {
            return ListenerEndPoint.TryCreate(_listener, address, port, register: false);
        }
        catch (SocketException e)
        {
            _logger.LogDebug(e, "Not listening on {Address}:{Port}", address, port);
            return null;
        }
    }

    // An address to bind, with the host and port it came from. (A class, and plain loops over it: LINQ over value
    // tuples is code no ReadyToRun image holds, compiled at startup.)
    private sealed record BoundAddress(string Host, int Port, IPAddress Address);

    private List<BoundAddress> BoundAddresses()
    {
        var bound = new List<BoundAddress>();
        for (var i = 0; i < _endpoints.Count; i++)
        {
            var (host, port) = _endpoints[i];
            foreach (var address in Resolve(host)) bound.Add(new BoundAddress(host, port, address));
        }
        return bound;
    }

    // localhost is both loopbacks, as in Kestrel: http://localhost:5000/ and http://[::1]:5000/ both answer.
    private static IPAddress[] Resolve(string host)
    {
        if (ListenAddress.IsAllInterfaces(host)) return [IPAddress.Any];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback];
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address)) return [address];
        try
        {
            return Dns.GetHostAddresses(host) is [var first, ..] ? [first] : throw new SocketException((int)SocketError.HostNotFound);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"Cannot listen on '{host}': the name does not resolve to an address ({e.Message}).", e);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            // A free slot first: when every slot is busy, connections wait in the listener's queue. A stop ends the
            // wait: from then on requests are only taken to be refused.
            var slot = false;
            if (!_stopping.IsCancellationRequested)
            {
                try { await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false); slot = true; }
                catch (OperationCanceledException) { }
            }
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (!_listener.IsListening)
            {
                if (slot) _slots.Release();
                return;
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                if (slot) _slots.Release();
                _logger.LogDebug(e, "Accept failed");
                continue;
            }
            // Counted before looking at _stopping, so that a stop either sees this request or this loop sees the stop.
            Interlocked.Increment(ref _inFlight);
            if (_stopping.IsCancellationRequested)
            {
                // Arrived on a kept-alive connection after the stop began: reset, so the client (or nginx, with
                // proxy_next_upstream) retries elsewhere; nothing of it was processed.
                if (slot) _slots.Release();
                ListenerConnections.Reset(context);
                FinishOne();
                continue;
            }
            _ = ServeAsync(new Exchange(context));
        }
    }

    private void FinishOne()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping.IsCancellationRequested) _drained.TrySetResult();
    }

    private void ReleaseSlot(Exchange exchange)
    {
        if (!exchange.HoldsSlot) return;
        exchange.HoldsSlot = false;
        _slots.Release();
    }

    private async Task ServeAsync(Exchange exchange)
    {
        var context = exchange.Context;
        _active[context] = exchange;
        var status = 0;
        // Read what the access log needs now: the listener may recycle the context once the response is closed.
        var listenerRequest = context.Request;
        IPEndPoint remote;
        try
        {
            remote = listenerRequest.RemoteEndPoint;
        }
        catch (Exception)
        {
            // HttpListener answered this request itself (411 for a POST or PUT without a length, 501 for an unknown
            // transfer coding), closed the connection and still handed it over: reading its address throws (a
            // NullReferenceException inside HttpConnection). Nothing to do but free its slot, which an exception
            // escaping from here would leak until no request is served any more.
            _slots.Release();
            if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping.IsCancellationRequested) _drained.TrySetResult();
            return;
        }
        var (method, target) = (listenerRequest.HttpMethod, listenerRequest.RawUrl ?? "");
        var record = _pipeline.Begin(method, target, listenerRequest.Headers["traceparent"], listenerRequest.Headers["tracestate"]);
        Request? request = null;
        try
        {
            if (_acceptedLocalAddresses is { } accepted && !accepted.Contains(listenerRequest.LocalEndPoint.Address))
            {
                ListenerConnections.Reset(context); // another interface than configured: as if nothing listened there
                return;
            }
            if (ListenerConnections.HasBareCarriageReturn(context))
            {
                status = 400;
                SendBadRequest(context.Response, "Bad Request: a carriage return that does not end a line (RFC 9112, section 2.2)");
                return;
            }
            request = ToRequest(listenerRequest, remote);
            if (_webSockets && listenerRequest.IsWebSocketRequest) request.AcceptWebSocket = (subprotocol, keepAlive) => AcceptWebSocketAsync(exchange, subprotocol, keepAlive);
            var response = await _pipeline.HandleAsync(request).ConfigureAwait(false);
            if (response.IsUpgraded)
            {
                status = 101; // the WebSocket's session is over; its connection was never an HTTP response's
                return;
            }
            status = response.StatusCode; // what the log shows if writing fails
            status = await WriteAsync(exchange, response, request.Method == "HEAD", target).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A vanished or too slow client is routine (debug level); a body that failed after the headers went out is
            // a bug worth one error line. Either way: reset the connection (never a cut-short response that looks
            // complete) and keep serving.
            if (e is IOException or HttpListenerException or ObjectDisposedException or OperationCanceledException)
                _logger.LogDebug(e, "Connection dropped while answering {Url}", LogText.Escape(target));
            else
                _logger.LogError(e, "Response to {Method} {Url} failed after its headers were sent", LogText.Escape(method), LogText.Escape(target));
            ListenerConnections.Reset(context);
        }
        finally
        {
            _active.TryRemove(context, out _);
            ReleaseSlot(exchange);
            _pipeline.End(record, request, remote, status);
            FinishOne();
        }
    }

    // A WebSocket holds its connection for as long as it lasts, not one of MaxConcurrentRequests.
    private async Task<System.Net.WebSockets.WebSocket> AcceptWebSocketAsync(Exchange exchange, string? subprotocol, TimeSpan keepAlive)
    {
        ReleaseSlot(exchange);
        var accepted = await exchange.Context.AcceptWebSocketAsync(subprotocol, 16 * 1024, keepAlive).ConfigureAwait(false);
        return accepted.WebSocket;
    }

    private static void SendBadRequest(HttpListenerResponse target, string message)
    {
        var text = System.Text.Encoding.ASCII.GetBytes(message);
        target.StatusCode = 400;
        target.ContentType = "text/plain; charset=utf-8";
        target.KeepAlive = false;
        target.ContentLength64 = text.Length;
        target.OutputStream.Write(text);
        target.Close();
    }

    private Request ToRequest(HttpListenerRequest r, IPEndPoint remote)
    {
        var target = r.RawUrl is { Length: > 0 } raw && raw[0] == '/' ? raw : r.Url?.PathAndQuery ?? "/";
        return new Request(r.HttpMethod, target, new RequestHeaders(r.Headers), r.HasEntityBody ? new ListenerRequestBody(r.InputStream) : null,
            remote, "http", _abandon.Token);
    }

    // Returns the status actually sent. Most responses are a small in-memory body (or none): those are written
    // here synchronously, without an async state machine; the rest go through WriteSlowAsync.
    private ValueTask<int> WriteAsync(Exchange exchange, Response response, bool head, string url)
    {
        var target = exchange.Context.Response;
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
            // one send either way, and its async path is no faster (bench/README.md). A body this size fits the
            // socket's send buffer, so the write does not wait on the client.
            target.ContentLength64 = segment.Count;
            target.OutputStream.Write(segment.Array!, segment.Offset, segment.Count);
            target.Close();
            return new(response.StatusCode);
        }
        return WriteSlowAsync(exchange, response, head, length, writeBody, url);
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

    private async ValueTask<int> WriteSlowAsync(Exchange exchange, Response response, bool head, long? length, bool writeBody, string url)
    {
        var target = exchange.Context.Response;
        var body = response.Body;
        // The body's way out: every write has a deadline (Config.MinResponseDataRate), so a client that stops
        // reading has its connection reset instead of holding it for ever.
        var config = _config;
        var output = new MinDataRateStream(exchange.Context, config.MinResponseDataRate, config.MinResponseDataRateGrace);
        try
        {
            // HEAD of a body of unknown length: HttpListener still frames an empty chunked body ("0\r\n\r\n") that a
            // client does not read, which would corrupt the next response on a kept-alive connection. End it instead.
            if (head && length is null) target.KeepAlive = false;
            if (writeBody && length is null)
            {
                // Unknown length: held back until it ends (then sent with a Content-Length) unless it grows large.
                await using var buffer = new ResponseBuffer(output, framed => { if (framed is { } n) target.ContentLength64 = n; else target.SendChunked = true; });
                // A stream (NDJSON, Server-Sent Events) may stay open for hours, mostly waiting: it holds a connection,
                // not one of MaxConcurrentRequests, and a stop ends it cleanly at once instead of after the grace period.
                var streaming = body is Streaming.IStreamingBody;
                if (streaming) ReleaseSlot(exchange);
                try
                {
                    await body!.WriteToAsync(buffer, streaming ? _stopping.Token : _abandon.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!buffer.Sent && e is not (IOException or HttpListenerException or OperationCanceledException))
                {
                    // Nothing has left yet, so the client can still be told the truth: a 500, not a cut-short 200.
                    _logger.LogError(e, "The body of the response to {Url} failed before any of it was sent; answered 500", LogText.Escape(url));
                    SendServerError(target);
                    return 500;
                }
                await buffer.CompleteAsync(SmallBody, _abandon.Token).ConfigureAwait(false);
            }
            else
            {
                if (length is { } known) target.ContentLength64 = known;
                // A file or bytes: no more app code runs, only I/O paced by the client; the handler slot is free.
                if (body is FileBody or BytesBody) ReleaseSlot(exchange);
                if (writeBody) await body!.WriteToAsync(output, _abandon.Token).ConfigureAwait(false);
            }
            target.Close();
            return response.StatusCode;
        }
        finally
        {
            if (body is not null) await body.DisposeAsync().ConfigureAwait(false);
            await output.DisposeAsync().ConfigureAwait(false);
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

    /// <summary>
    /// Stops: new connections are refused at once (the listening sockets close, so a proxy tries another upstream),
    /// requests in flight get <paramref name="timeout"/> to finish, and those still running then have their
    /// connections reset: the client sees a failed request, never a complete-looking one. Returns how many were reset.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        foreach (var endPoint in _ownEndPoints) endPoint.StopAccepting();
        var waiting = Volatile.Read(ref _inFlight);
        if (waiting == 0) _drained.TrySetResult();
        else _logger.LogInformation("Stopping: waiting up to {Seconds} s for {Count} request(s) in flight", timeout.TotalSeconds, waiting);
        var reset = 0;
        try
        {
            await _drained.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (waiting > 0) _logger.LogInformation("Stopped: all {Count} request(s) in flight finished", waiting);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            foreach (var context in _active.Keys)
            {
                ListenerConnections.Reset(context);
                reset++;
            }
            _logger.LogWarning("Stopped: {Waiting} request(s) were in flight; {Reset} still running after {Seconds} s had their connections reset",
                waiting, reset, timeout.TotalSeconds);
        }
        _abandon.Cancel();
        ListenerConnections.ShutDownAll(_listener, _ownEndPoints.Select(e => e.Connections));
        // Close alone, never Stop() first: on Linux, closing a stopped listener removes its prefixes a second time,
        // which binds the port again for an instant and throws "Address already in use" if anything took it meanwhile.
        _listener.Close();
        // Pending GetContextAsync calls end with an exception once the listener is closed; don't wait forever if one doesn't.
        await Task.WhenAny(Task.WhenAll(_acceptLoops), Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        return reset;
    }
}
