using System.Net;
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
        await using var s = await LiveServer.StartAsync(app);

        var forbidden = await s.GetAsync("/prohibido");
        forbidden.Status.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Body.ShouldBe("sin acceso (403)");
        var missing = await s.GetAsync("/nada");
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        missing.Body.ShouldBe("no está");
    }

    [Fact]
    public async Task The_most_derived_exception_type_wins()
    {
        var app = App();
        app.Get("/derived", string () => throw new DerivedError("d"));
        app.Get("/other", string () => throw new OtherError("o"));
        app.ErrorHandler<BaseError>((BaseError e) => ($"base {e.Message}", 409));
        app.ErrorHandler<DerivedError>((DerivedError e) => ($"derived {e.Message}", 418));
        await using var s = await LiveServer.StartAsync(app);

        var derived = await s.GetAsync("/derived");
        ((int)derived.Status).ShouldBe(418);
        derived.Body.ShouldBe("derived d");
        var other = await s.GetAsync("/other");
        other.Status.ShouldBe(HttpStatusCode.Conflict);
        other.Body.ShouldBe("base o");
    }

    [Fact]
    public async Task A_500_handler_receives_unhandled_exceptions()
    {
        var app = App();
        app.Get("/boom", string () => throw new InvalidOperationException("x"));
        app.ErrorHandler(500, (Exception e, RequestContext c) => $"falló ({e.GetType().Name}) id={c.RequestId}");
        await using var s = await LiveServer.StartAsync(app);

        var boom = await s.GetAsync("/boom");
        boom.Status.ShouldBe(HttpStatusCode.InternalServerError);
        var id = boom.Response.Headers.GetValues("X-Request-Id").Single();
        boom.Body.ShouldBe($"falló (InvalidOperationException) id={id}");
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
        await using var s = await LiveServer.StartAsync(app);

        var boom = await s.GetAsync("/boom");
        boom.Status.ShouldBe(HttpStatusCode.InternalServerError);
        boom.Body.ShouldContain("Internal Server Error");
        boom.Body.ShouldNotContain("handler broke");
        (await s.GetAsync("/nada")).Status.ShouldBe(HttpStatusCode.InternalServerError);
        (await s.GetAsync("/ok")).Body.ShouldBe("ok");
        log.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Exception!.Message == "handler broke");
    }

    [Fact]
    public async Task Default_pages_are_json_when_the_client_asks_for_json()
    {
        await using var s = await LiveServer.StartAsync(App());
        var request = new HttpRequestMessage(HttpMethod.Get, "/nada");
        request.Headers.Accept.ParseAdd("application/json");
        var response = await s.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await response.Content.ReadAsStringAsync()).ShouldStartWith("{\"status\":404,\"error\":\"Not Found\"");
    }

    [Fact]
    public void Error_handlers_with_parameters_nobody_can_supply_fail_at_startup()
    {
        var e = Should.Throw<InvalidOperationException>(() => App().ErrorHandler(404, (string nombre) => nombre));
        e.Message.ShouldContain("'nombre'");
    }
}
