using System.Runtime.CompilerServices;
using MicroWeb.Cors;
using MicroWeb.RateLimiting;
using MicroWeb.Streaming;
using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>Streaming, as Flask's generators: NDJSON lines and Server-Sent Events sent as they are produced.</summary>
[Cors("publica")]
[RateLimit("flujos")]
public static class Flujos
{
    /// <summary>Counts to <paramref name="hasta"/>, one JSON line every 100 ms: <c>curl -N localhost:5000/flujo/5</c>.</summary>
    [Route("/flujo/<int:hasta>")]
    public static async IAsyncEnumerable<object> Contar(int hasta, [EnumeratorCancellation] CancellationToken cancelado = default)
    {
        for (var i = 1; i <= Math.Min(hasta, 1000); i++)
        {
            yield return new { Numero = i, Hora = DateTimeOffset.UtcNow };
            await Task.Delay(100, cancelado); // ends at once when the client goes away
        }
    }

    /// <summary>A clock as Server-Sent Events, one event a second; a reconnecting browser resumes from its Last-Event-ID.
    /// In a browser: <c>new EventSource("/eventos").addEventListener("hora", e => console.log(e.data))</c>.</summary>
    [Route("/eventos")]
    public static Response Eventos()
    {
        var desde = int.TryParse(Web.Request.LastEventId, out var ultimo) ? ultimo + 1 : 1;
        return EventStream(Reloj(desde));
    }

    private static async IAsyncEnumerable<ServerSentEvent> Reloj(int desde, [EnumeratorCancellation] CancellationToken cancelado = default)
    {
        for (var id = desde; ; id++)
        {
            yield return new ServerSentEvent(DateTimeOffset.UtcNow.ToString("HH:mm:ss")) { Event = "hora", Id = id.ToString() };
            await Task.Delay(1000, cancelado);
        }
    }
}
