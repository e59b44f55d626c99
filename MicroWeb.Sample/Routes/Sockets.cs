using System.Collections.Concurrent;

namespace MicroWeb.Sample.Routes;

/// <summary>WebSockets, as flask-sock: an echo and chat rooms. In a browser's console on the sample's page:
/// <c>ws = new WebSocket("ws://localhost:5000/ws/sala/general"); ws.onmessage = e => console.log(e.data); ws.send("hola")</c>.</summary>
public static class Sockets
{
    // Who is in each room; a connection leaves its room when its handler returns.
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<WebSocketConnection, byte>> Salas = new();

    /// <summary>Sends every text message back.</summary>
    [WebSocket("/ws/eco")]
    public static async Task Eco(WebSocketConnection ws)
    {
        while (await ws.ReceiveTextAsync() is { } texto) await ws.SendAsync(texto);
    }

    /// <summary>A chat room: every message goes to everyone in the room.</summary>
    [WebSocket("/ws/sala/<nombre>")]
    public static async Task Sala(WebSocketConnection ws, string nombre)
    {
        var sala = Salas.GetOrAdd(nombre, _ => new());
        sala[ws] = 0;
        try
        {
            while (await ws.ReceiveTextAsync() is { } texto)
                await Task.WhenAll(sala.Keys.Where(m => m.IsOpen).Select(m => m.SendAsync(texto)));
        }
        finally
        {
            sala.TryRemove(ws, out _);
        }
    }
}
