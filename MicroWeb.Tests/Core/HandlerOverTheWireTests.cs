using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Core;

/// <summary>What only a real server shows: the connection's cancellation token, and a port already taken.</summary>
public class HandlerOverTheWireTests
{
    [Fact]
    public async Task On_a_server_the_handlers_cancellation_token_can_be_cancelled()
    {
        var app = new MicroWebApp("t");
        app.Get("/token", (CancellationToken token) => token.CanBeCanceled ? "cancelable" : "not cancelable");
        await using var s = await LiveServer.StartAsync(app);
        (await s.GetAsync("/token")).Body.ShouldBe("cancelable");
    }

    [Fact]
    public async Task A_port_in_use_gives_one_clear_message()
    {
        var first = new MicroWebApp("a");
        await first.StartAsync("127.0.0.1", 0);
        try
        {
            var second = new MicroWebApp("b");
            var e = await Should.ThrowAsync<InvalidOperationException>(() => second.StartAsync("127.0.0.1", first.Config.Port));
            e.Message.ShouldContain("port");
        }
        finally
        {
            await first.StopAsync();
        }
    }
}
