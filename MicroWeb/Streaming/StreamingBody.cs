using System.Buffers;
using MicroWeb.Http;

namespace MicroWeb.Streaming;

/// <summary>
/// A body produced item by item from an async sequence and sent as each item is ready: every item is written and
/// flushed on its own (the response goes out chunked), so the client sees it at once instead of when 64 KB have
/// gathered. The sequence is enumerated only when the body is sent, after the request's hooks have run. Its
/// cancellation token (<c>[EnumeratorCancellation]</c>) fires when the client goes away (noticed at the next write)
/// or the server stops; a stop ends the response cleanly, so a client may reconnect elsewhere.
/// </summary>
/// <typeparam name="T">The items.</typeparam>
internal sealed class StreamingBody<T>(IAsyncEnumerable<T> source, Action<T, IBufferWriter<byte>> format,
    TimeSpan keepAlive = default, ReadOnlyMemory<byte> keepAliveBytes = default) : ResponseBody, IStreamingBody
{
    public override long? Length => null;

    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var producer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(256);
        var items = source.GetAsyncEnumerator(producer.Token);
        Task<bool>? pending = null;
        try
        {
            while (true)
            {
                var next = items.MoveNextAsync();
                bool more;
                if (keepAlive > TimeSpan.Zero && !next.IsCompleted)
                {
                    // While the producer is quiet, a comment line now and then keeps proxies from closing the connection
                    // and shows whether the client is still there.
                    pending = next.AsTask();
                    while (await Task.WhenAny(pending, Task.Delay(keepAlive, producer.Token)).ConfigureAwait(false) != pending)
                    {
                        producer.Token.ThrowIfCancellationRequested();
                        await SendAsync(destination, keepAliveBytes, producer.Token).ConfigureAwait(false);
                    }
                    more = await pending.ConfigureAwait(false);
                    pending = null;
                }
                else more = await next.ConfigureAwait(false);
                if (!more) break;
                buffer.ResetWrittenCount();
                format(items.Current, buffer);
                await SendAsync(destination, buffer.WrittenMemory, producer.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: the response ends normally.
        }
        finally
        {
            await producer.CancelAsync().ConfigureAwait(false); // the producer stops, whatever ended the stream
            if (pending is { IsCompleted: false })
                _ = pending.ContinueWith(_ => items.DisposeAsync().AsTask(), TaskScheduler.Default); // disposed once it notices
            else
                await items.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask SendAsync(Stream destination, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (!bytes.IsEmpty) await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A body that streams for as long as its producer runs: the server sends it chunked, item by item.</summary>
internal interface IStreamingBody;
