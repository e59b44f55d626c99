using System.Runtime.ExceptionServices;

namespace MicroWeb.Tests.Architecture;

/// <summary>404, 405 and the slash and merge redirects are results of routing, not exceptions: a crawler's stream
/// of 404s costs no throw. Error handlers still see them.</summary>
public class RoutingOutcomeTests
{
    [Theory]
    [InlineData("GET", "/nada", 404)]
    [InlineData("DELETE", "/items/", 405)]
    [InlineData("GET", "/items", 308)]
    [InlineData("GET", "/a//b", 308)]
    [InlineData("OPTIONS", "/items/", 200)]
    public async Task Routing_outcomes_are_answered_without_throwing(string method, string path, int status)
    {
        var app = new MicroWebApp();
        app.Get("/items/", () => "items");
        app.Get("/a/b", () => "ab");
        var thrown = 0;
        // Only exceptions thrown while this app handles a request count: other tests run at the same time.
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (RequestContext.Current?.App == app) Interlocked.Increment(ref thrown);
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            (await app.TestClient().SendAsync(method, path)).StatusCode.ShouldBe(status);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }
        thrown.ShouldBe(0);
    }

    [Fact]
    public async Task Error_handlers_still_answer_404_and_405_with_the_Allow_header()
    {
        var app = new MicroWebApp();
        app.Get("/items/", () => "items");
        app.ErrorHandler(404, (HttpException e) => ($"no hay {e.StatusCode}", 404));
        app.ErrorHandler(405, (int code) => $"método no permitido ({code})");
        var client = app.TestClient();

        (await client.GetAsync("/nada")).Text.ShouldBe("no hay 404");
        var notAllowed = await client.DeleteAsync("/items/");
        (notAllowed.StatusCode, notAllowed.Text, notAllowed.Headers["Allow"]).ShouldBe((405, "método no permitido (405)", "GET, HEAD, OPTIONS"));
    }

    [Fact]
    public async Task An_automatic_OPTIONS_lists_every_method_of_the_url()
    {
        var app = new MicroWebApp();
        app.Get("/items/<int:id>", (int id) => "get");
        app.Route("/items/<int:id>", (int id) => "change", ["PUT", "DELETE"], endpoint: "change");
        var options = await app.TestClient().SendAsync("OPTIONS", "/items/3");
        (options.StatusCode, options.Headers["Allow"]).ShouldBe((200, "DELETE, GET, HEAD, OPTIONS, PUT"));
    }
}
