using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.WebSockets;

/// <summary>WebSocket routes over a real socket, with .NET's ClientWebSocket.</summary>
public class WebSocketTests
{
    private static async Task<ClientWebSocket> ConnectAsync(LiveServer server, string path, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(client.Options);
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}{path}"), CancellationToken.None);
        return client;
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var total = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(total), new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            total += result.Count;
            if (result.EndOfMessage) return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    private static MicroWebApp EchoApp()
    {
        var app = new MicroWebApp();
        app.WebSocket("/eco/<int:veces>", async (WebSocketConnection ws, int veces) =>
        {
            while (await ws.ReceiveAsync() is { } message)
            {
                if (message.IsText) await ws.SendAsync(string.Concat(Enumerable.Repeat(message.Text, veces)));
                else await ws.SendAsync(message.Data);
            }
        });
        return app;
    }

    [Fact]
    public async Task A_handler_echoes_text_and_binary_messages_with_its_route_values()
    {
        await using var server = await LiveServer.StartAsync(EchoApp());
        using var client = await ConnectAsync(server, "/eco/2");
        client.HttpStatusCode.ShouldBe(HttpStatusCode.SwitchingProtocols);

        await SendAsync(client, "hola");
        (await ReceiveAsync(client)).ShouldBe("holahola");
        await client.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        var buffer = new byte[16];
        var binary = await client.ReceiveAsync(buffer, CancellationToken.None);
        binary.MessageType.ShouldBe(WebSocketMessageType.Binary);
        buffer[..binary.Count].ShouldBe(new byte[] { 1, 2, 3 });

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "adiós", CancellationToken.None);
        client.State.ShouldBe(WebSocketState.Closed);
        // The server keeps serving plain HTTP on the same port.
        (await server.Client.GetAsync("/eco/2")).StatusCode.ShouldBe((HttpStatusCode)426);
    }

    [Fact]
    public async Task A_room_broadcasts_each_message_to_everyone_in_it_and_no_one_else()
    {
        var rooms = new ConcurrentDictionary<string, ConcurrentDictionary<WebSocketConnection, byte>>();
        var joined = new CountdownEvent(3);
        var app = new MicroWebApp();
        app.WebSocket("/sala/<nombre>", async (WebSocketConnection ws, string nombre) =>
        {
            var room = rooms.GetOrAdd(nombre, _ => new());
            room[ws] = 0;
            joined.Signal();
            try
            {
                while (await ws.ReceiveTextAsync() is { } text)
                    await Task.WhenAll(room.Keys.Select(member => member.SendAsync($"{nombre}: {text}")));
            }
            finally
            {
                room.TryRemove(ws, out _);
            }
        });
        await using var server = await LiveServer.StartAsync(app);
        using var ana = await ConnectAsync(server, "/sala/a");
        using var beto = await ConnectAsync(server, "/sala/a");
        using var otra = await ConnectAsync(server, "/sala/b");
        joined.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue();

        await SendAsync(ana, "hola");
        (await ReceiveAsync(ana)).ShouldBe("a: hola");
        (await ReceiveAsync(beto)).ShouldBe("a: hola");
        await SendAsync(otra, "solo");
        (await ReceiveAsync(otra)).ShouldBe("b: solo"); // had room a's message reached it, it would come first
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_connection_with_1009()
    {
        var app = EchoApp();
        app.WebSockets.MaxMessageSize = 1000;
        await using var server = await LiveServer.StartAsync(app);
        using var client = await ConnectAsync(server, "/eco/1");

        await SendAsync(client, new string('x', 1000));
        (await ReceiveAsync(client))!.Length.ShouldBe(1000);
        await SendAsync(client, new string('x', 1001));
        (await ReceiveAsync(client)).ShouldBeNull();
        client.CloseStatus.ShouldBe(WebSocketCloseStatus.MessageTooBig);
    }

    [Fact]
    public async Task A_plain_request_to_a_websocket_route_gets_426_with_Upgrade()
    {
        await using var server = await LiveServer.StartAsync(EchoApp());
        var response = await server.Client.GetAsync("/eco/1");
        response.StatusCode.ShouldBe((HttpStatusCode)426);
        response.Headers.Upgrade.ToString().ShouldBe("websocket");
    }

    [Fact]
    public async Task Hooks_and_filters_run_before_the_upgrade_and_can_refuse_it()
    {
        var app = EchoApp();
        app.BeforeRequest(c => c.Request.Query["token"] == "ok" ? null : new Response("who are you?", 401));
        await using var server = await LiveServer.StartAsync(app);

        var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Should.ThrowAsync<WebSocketException>(() => refused.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/eco/1"), CancellationToken.None));
        refused.HttpStatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var client = await ConnectAsync(server, "/eco/1?token=ok");
        await SendAsync(client, "hola");
        (await ReceiveAsync(client)).ShouldBe("hola");
    }

    [Fact]
    public async Task A_page_of_another_origin_is_refused_unless_allowed()
    {
        var app = EchoApp();
        app.WebSockets.AllowedOrigins.Add("https://amigo.example");
        await using var server = await LiveServer.StartAsync(app);

        var foreign = new ClientWebSocket();
        foreign.Options.CollectHttpResponseDetails = true;
        foreign.Options.SetRequestHeader("Origin", "https://malo.example");
        await Should.ThrowAsync<WebSocketException>(() => foreign.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/eco/1"), CancellationToken.None));
        foreign.HttpStatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var own = await ConnectAsync(server, "/eco/1", o => o.SetRequestHeader("Origin", $"http://127.0.0.1:{server.Port}"));
        using var friend = await ConnectAsync(server, "/eco/1", o => o.SetRequestHeader("Origin", "https://amigo.example"));
        own.State.ShouldBe(WebSocketState.Open);
        friend.State.ShouldBe(WebSocketState.Open);
    }

    [Fact]
    public async Task The_first_subprotocol_the_client_offers_that_the_route_speaks_is_chosen()
    {
        var app = new MicroWebApp();
        app.WebSocket("/chat", async (WebSocketConnection ws) => await ws.SendAsync(ws.Subprotocol ?? "none"), subprotocols: ["chat.v2", "chat.v1"]);
        await using var server = await LiveServer.StartAsync(app);

        using var client = await ConnectAsync(server, "/chat", o => { o.AddSubProtocol("chat.v1"); o.AddSubProtocol("chat.v2"); });
        client.SubProtocol.ShouldBe("chat.v2");
        (await ReceiveAsync(client)).ShouldBe("chat.v2");

        var other = new ClientWebSocket();
        other.Options.CollectHttpResponseDetails = true;
        other.Options.AddSubProtocol("mqtt");
        await Should.ThrowAsync<WebSocketException>(() => other.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/chat"), CancellationToken.None));
        other.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Stopping_the_app_closes_open_connections_with_1001_and_their_handlers_end()
    {
        var ended = new TaskCompletionSource();
        var app = new MicroWebApp();
        app.WebSocket("/espera", async (WebSocketConnection ws) =>
        {
            while (await ws.ReceiveAsync() is not null) { }
            ended.TrySetResult();
        });
        var server = await LiveServer.StartAsync(app);
        using var client = await ConnectAsync(server, "/espera");
        var receiving = ReceiveAsync(client);

        var stopping = server.DisposeAsync().AsTask();
        (await receiving).ShouldBeNull();
        client.CloseStatus.ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        app.LastStopResetRequests.ShouldBe(0);
    }

    [Fact]
    public async Task A_failing_handler_closes_with_1011_and_the_server_keeps_serving()
    {
        var app = new MicroWebApp { Logger = new CapturingLogger() };
        app.WebSocket("/falla", async (WebSocketConnection ws) =>
        {
            await ws.ReceiveTextAsync();
            throw new InvalidOperationException("boom");
        });
        app.Get("/", () => "ok");
        await using var server = await LiveServer.StartAsync(app);
        using var client = await ConnectAsync(server, "/falla");

        await SendAsync(client, "x");
        (await ReceiveAsync(client)).ShouldBeNull();
        client.CloseStatus.ShouldBe(WebSocketCloseStatus.InternalServerError);
        (await server.GetAsync("/")).Body.ShouldBe("ok");
    }

    [Fact]
    public async Task The_test_client_cannot_upgrade_and_says_so_with_501()
    {
        var client = EchoApp().TestClient();
        var handshake = new Dictionary<string, string>
        {
            ["Connection"] = "Upgrade", ["Upgrade"] = "websocket", ["Sec-WebSocket-Version"] = "13", ["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ==",
        };
        (await client.GetAsync("/eco/1", handshake)).StatusCode.ShouldBe(501);
        (await client.GetAsync("/eco/1")).StatusCode.ShouldBe(426);
    }

    [Fact]
    public async Task The_sample_chat_room_relays_messages()
    {
        await using var server = await LiveServer.StartSampleAsync();
        using var ana = await ConnectAsync(server, "/ws/sala/prueba");
        using var eco = await ConnectAsync(server, "/ws/eco");
        await SendAsync(eco, "hola");
        (await ReceiveAsync(eco)).ShouldBe("hola");
        await SendAsync(ana, "buenas");
        (await ReceiveAsync(ana)).ShouldBe("buenas");
    }
}
