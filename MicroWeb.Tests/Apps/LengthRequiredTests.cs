using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Apps;

/// <summary>A POST or PUT that announces no body: HttpListener answers 411 before the app sees it, so the test
/// client answers the same; a body of length 0 (what browsers and the test client's PostAsync send) is served.</summary>
public class LengthRequiredTests
{
    private static MicroWebApp App()
    {
        var app = new MicroWebApp { Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance };
        app.Route("/x", () => "done", ["POST", "PUT"]);
        return app;
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Without_Content_Length_the_socket_and_the_test_client_both_answer_411(string method)
    {
        var app = App();
        await using var server = await LiveServer.StartAsync(app);
        var wire = await RawHttp.SendAsync(server.Port, $"{method} /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        RawHttp.Status(wire).ShouldBe(411);

        var response = await app.TestClient().SendAsync(method, "/x");
        response.StatusCode.ShouldBe(411);
    }

    [Fact]
    public async Task Requests_HttpListener_refused_itself_do_not_use_up_the_server()
    {
        // HttpListener answers 411 and still hands the closed request over; each one used to keep a slot for ever,
        // so as many of them as MaxConcurrentRequests stopped the server.
        var app = App();
        app.Config.MaxConcurrentRequests = 2;
        await using var server = await LiveServer.StartAsync(app);
        for (var i = 0; i < 5; i++)
            RawHttp.Status(await RawHttp.SendAsync(server.Port, "POST /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).ShouldBe(411);
        var served = await RawHttp.SendAsync(server.Port, "POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", TimeSpan.FromSeconds(5));
        RawHttp.Status(served).ShouldBe(200);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task With_Content_Length_0_both_serve_the_request(string method)
    {
        var app = App();
        await using var server = await LiveServer.StartAsync(app);
        var wire = await RawHttp.SendAsync(server.Port, $"{method} /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        RawHttp.Status(wire).ShouldBe(200);

        (await app.TestClient().SendAsync(method, "/x", [])).Text.ShouldBe("done");
        (await app.TestClient().PostAsync("/x")).Text.ShouldBe("done");
    }

    [Fact]
    public async Task A_chunked_post_is_served()
    {
        var app = App();
        await using var server = await LiveServer.StartAsync(app);
        var wire = await RawHttp.SendAsync(server.Port, "POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n");
        RawHttp.Status(wire).ShouldBe(200);
        var headers = new Dictionary<string, string> { ["Transfer-Encoding"] = "chunked" };
        (await app.TestClient().SendAsync("POST", "/x", null, null, headers)).StatusCode.ShouldBe(200);
    }
}
