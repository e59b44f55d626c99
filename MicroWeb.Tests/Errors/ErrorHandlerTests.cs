using MicroWeb.Http;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Errors;

public class ErrorHandlerTests
{
    private class BaseError(string m) : Exception(m);
    private sealed class DerivedError(string m) : BaseError(m);
    private sealed class OtherError(string m) : BaseError(m);

    private static MicroWebApp App(CapturingLogger? log = null) => new("t") { Logger = log ?? new CapturingLogger() };

    [Fact]
    public async Task Handlers_resolve_by_status_code_and_keep_the_status()
    {
        var app = App();
        app.Get("/prohibido", string () => throw Abort(403));
        app.ErrorHandler(403, (HttpException e) => $"sin acceso ({e.StatusCode})");
        app.ErrorHandler(404, () => ("no está", 404));
        var client = app.TestClient();

        var forbidden = await client.GetAsync("/prohibido");
        forbidden.StatusCode.ShouldBe(403);
        forbidden.Text.ShouldBe("sin acceso (403)");
        var missing = await client.GetAsync("/nada");
        missing.StatusCode.ShouldBe(404);
        missing.Text.ShouldBe("no está");
    }

    [Fact]
    public async Task The_most_derived_exception_type_wins()
    {
        var app = App();
        app.Get("/derived", string () => throw new DerivedError("d"));
        app.Get("/other", string () => throw new OtherError("o"));
        app.ErrorHandler<BaseError>((BaseError e) => ($"base {e.Message}", 409));
        app.ErrorHandler<DerivedError>((DerivedError e) => ($"derived {e.Message}", 418));
        var client = app.TestClient();

        var derived = await client.GetAsync("/derived");
        derived.StatusCode.ShouldBe(418);
        derived.Text.ShouldBe("derived d");
        var other = await client.GetAsync("/other");
        other.StatusCode.ShouldBe(409);
        other.Text.ShouldBe("base o");
    }

    [Fact]
    public async Task A_500_handler_receives_unhandled_exceptions()
    {
        var app = App();
        app.Get("/boom", string () => throw new InvalidOperationException("x"));
        app.ErrorHandler(500, (Exception e, RequestContext c) => $"falló ({e.GetType().Name}) id={c.RequestId}");
        var client = app.TestClient();

        var boom = await client.GetAsync("/boom");
        boom.StatusCode.ShouldBe(500);
        var id = boom.Headers["X-Request-Id"]!;
        boom.Text.ShouldBe($"falló (InvalidOperationException) id={id}");
    }

    [Fact]
    public async Task A_failing_error_handler_falls_back_to_the_default_500_and_never_loops()
    {
        var log = new CapturingLogger();
        var app = App(log);
        app.Get("/boom", string () => throw new InvalidOperationException("first"));
        app.Get("/ok", () => "ok");
        app.ErrorHandler(500, string () => throw new InvalidOperationException("handler broke"));
        app.ErrorHandler(404, string () => throw Abort(404));
        var client = app.TestClient();

        var boom = await client.GetAsync("/boom");
        boom.StatusCode.ShouldBe(500);
        boom.Text.ShouldContain("Internal Server Error");
        boom.Text.ShouldNotContain("handler broke");
        (await client.GetAsync("/nada")).StatusCode.ShouldBe(500);
        (await client.GetAsync("/ok")).Text.ShouldBe("ok");
        log.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Exception!.Message == "handler broke");
    }

    [Fact]
    public async Task Default_pages_are_json_when_the_client_asks_for_json()
    {
        var response = await App().TestClient().GetAsync("/nada", new Dictionary<string, string> { ["Accept"] = "application/json" });
        response.StatusCode.ShouldBe(404);
        response.ContentType!.Split(';')[0].ShouldBe("application/json");
        response.Text.ShouldStartWith("{\"status\":404,\"error\":\"Not Found\"");
    }

    [Fact]
    public void Error_handlers_with_parameters_nobody_can_supply_fail_at_startup()
    {
        var e = Should.Throw<InvalidOperationException>(() => App().ErrorHandler(404, (string nombre) => nombre));
        e.Message.ShouldContain("'nombre'");
    }
}
