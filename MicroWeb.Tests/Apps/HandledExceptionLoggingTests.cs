using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Apps;

/// <summary>As in Flask: an exception an error handler answered is logged at debug level; ERROR with the stack
/// trace is for the unhandled ones (even when a 500 handler renders their page).</summary>
public class HandledExceptionLoggingTests
{
    private sealed class NotAuthor : Exception;

    [Fact]
    public async Task A_handled_exception_is_logged_at_debug_level_only()
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp { Logger = log };
        app.Get("/", string () => throw new NotAuthor());
        app.ErrorHandler<NotAuthor>(() => ("not yours", 403));
        var response = await app.TestClient().GetAsync("/");
        response.StatusCode.ShouldBe(403);
        log.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning);
        log.Entries.ShouldContain(e => e.Level == LogLevel.Debug && e.Exception is NotAuthor);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unhandled_exception_is_logged_at_error_level(bool with500Handler)
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp { Logger = log };
        app.Get("/", string () => throw new NotAuthor());
        if (with500Handler) app.ErrorHandler(500, () => "sorry");
        (await app.TestClient().GetAsync("/")).StatusCode.ShouldBe(500);
        log.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Exception is NotAuthor);
    }

    [Fact]
    public async Task In_debug_mode_a_handled_exception_goes_to_its_handler_not_the_debug_page()
    {
        var app = new MicroWebApp { Logger = new CapturingLogger(), Debug = true };
        app.Get("/", string () => throw new NotAuthor());
        app.ErrorHandler<NotAuthor>(() => ("not yours", 403));
        var response = await app.TestClient().GetAsync("/");
        response.StatusCode.ShouldBe(403);
        response.Text.ShouldBe("not yours");
    }
}
