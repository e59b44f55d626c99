using MicroWeb.Http;

namespace MicroWeb.Tests.Apps;

/// <summary>The natural lambdas compile on every registration API (they were CS0121 when a sync and an async
/// overload both fitted `return null`) and run in order.</summary>
public class HookLambdaTests
{
    [Fact]
    public async Task Hooks_take_block_lambdas_that_return_null_and_async_lambdas()
    {
        var app = new MicroWebApp();
        var bp = new Blueprint("bp");
        var log = new List<string>();
        app.Hooks.BeforeRequest(c => { log.Add("app.Hooks"); return null; });
        app.BeforeRequest(c => { log.Add("app"); return null; });
        app.BeforeRequest(c => null);
        app.BeforeRequest(async c => { await Task.Yield(); log.Add("app async"); return null; });
        bp.Hooks.BeforeRequest(c => { log.Add("bp"); return null; });
        bp.Hooks.BeforeRequest(async c => { await Task.Yield(); log.Add("bp async"); return null; });
        bp.AppHooks.BeforeRequest(c => { log.Add("bp app-wide"); return null; });
        bp.Hooks.AfterRequest((c, r) => { log.Add("bp after"); return r; });
        bp.Hooks.AfterRequest(async (c, r) => { await Task.Yield(); return r; });
        app.AfterRequest((c, r) => r);
        app.AfterRequest(async (c, r) => { await Task.Yield(); log.Add("app after async"); return r; });
        bp.Hooks.Teardown((c, e) => log.Add("bp teardown"));
        bp.Get("/", () => "ok");
        app.Register(bp);

        (await app.TestClient().GetAsync("/")).Text.ShouldBe("ok");
        log.ShouldBe(["app.Hooks", "app", "app async", "bp app-wide", "bp", "bp async", "bp after", "app after async", "bp teardown"]);
    }

    [Fact]
    public async Task A_hook_that_returns_a_response_answers_instead_of_the_handler()
    {
        var app = new MicroWebApp();
        app.BeforeRequest(c => c.Request.Path == "/closed" ? Response.Text("closed", 503) : null);
        app.Get("/closed", () => "open");
        var response = await app.TestClient().GetAsync("/closed");
        response.StatusCode.ShouldBe(503);
        response.Text.ShouldBe("closed");
    }
}
