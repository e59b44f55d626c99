// A bare HttpListener serving the same endpoints as MicroWeb.Sample, as fast as HttpListener allows:
// the best MicroWeb can be. Usage: Baseline [--port 5001] [--root REPO] [--accept N] [--mode async|threads|callback]
//   [--write sync|async|chunked] [--nodelay on]
using System.Net;
using Baseline;

var port = 5001;
var accept = Environment.ProcessorCount * 8;
var root = Directory.GetCurrentDirectory();
var mode = "async";
var nodelay = false;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1]); break;
        case "--accept": accept = int.Parse(args[i + 1]); break;
        case "--root": root = args[i + 1]; break;
        case "--mode": mode = args[i + 1]; break;
        case "--write": Endpoints.WriteMode = args[i + 1]; break;
        case "--nodelay": nodelay = args[i + 1] == "on"; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var endpoints = new Endpoints(root);
var listener = new HttpListener { IgnoreWriteExceptions = true };
listener.Prefixes.Add($"http://127.0.0.1:{port}/");
listener.Start();
if (nodelay) Console.WriteLine($"TCP_NODELAY on the listening sockets: {NoDelay.OnListeningSockets()}");

// Accept strategies (compared by bench/ceiling.sh; results in the README, Performance):
// - async: several GetContextAsync calls outstanding; a request that arrives finds a waiter ready, and a slow
//   request never stops the others from being accepted. Each loop serves inline (the endpoints never block).
// - threads: dedicated threads blocked in GetContext(), each serving what it takes.
// - callback: BeginGetContext chains, the next one started before serving.
switch (mode)
{
    case "async":
        for (var i = 0; i < accept; i++) _ = Task.Run(AcceptLoop);
        break;
    case "threads":
        for (var i = 0; i < accept; i++) new Thread(AcceptThread) { IsBackground = true, Name = "accept" }.Start();
        break;
    case "callback":
        for (var i = 0; i < accept; i++) listener.BeginGetContext(OnContext, null);
        break;
    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}
Console.WriteLine($"Baseline listening on http://127.0.0.1:{port}/ ({mode}, {accept} accepts outstanding)");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
listener.Close();
return 0;

async Task AcceptLoop()
{
    while (listener.IsListening)
    {
        HttpListenerContext context;
        try { context = await listener.GetContextAsync().ConfigureAwait(false); }
        catch (Exception) when (!listener.IsListening) { return; }
        catch (HttpListenerException) { continue; }
        try { await endpoints.ServeAsync(context).ConfigureAwait(false); }
        catch (Exception) { try { context.Response.Abort(); } catch (Exception) { } }
    }
}

void AcceptThread()
{
    while (listener.IsListening)
    {
        HttpListenerContext context;
        try { context = listener.GetContext(); }
        catch (Exception) when (!listener.IsListening) { return; }
        catch (HttpListenerException) { continue; }
        _ = Serve(context);
    }
}

void OnContext(IAsyncResult result)
{
    HttpListenerContext context;
    try { context = listener.EndGetContext(result); }
    catch (Exception) { if (listener.IsListening) listener.BeginGetContext(OnContext, null); return; }
    listener.BeginGetContext(OnContext, null);
    _ = Serve(context);
}

async Task Serve(HttpListenerContext context)
{
    try { await endpoints.ServeAsync(context).ConfigureAwait(false); }
    catch (Exception) { try { context.Response.Abort(); } catch (Exception) { } }
}
