using MicroWeb.Http;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Apps;

public class AbortTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(200)]
    public async Task Abort_refuses_a_status_that_is_not_an_error(int status)
    {
        var app = new MicroWebApp { Config = { Testing = true } };
        app.Get("/", () => Abort(status));
        var error = await Should.ThrowAsync<ArgumentOutOfRangeException>(() => app.TestClient().GetAsync("/"));
        error.Message.ShouldContain("Redirect(url)");
    }

    [Fact]
    public async Task Abort_with_a_response_sends_it_as_it_is()
    {
        var app = new MicroWebApp();
        static string Check() => throw Abort(Redirect("/auth/login"));
        app.Get("/", () => Check());
        app.AfterRequest((c, r) => { r.Headers["X-After"] = "ran"; return r; });
        var response = await app.TestClient().GetAsync("/");
        response.StatusCode.ShouldBe(302);
        response.Location.ShouldBe("/auth/login");
        response.Headers["X-After"].ShouldBe("ran");
    }

    [Fact]
    public async Task Abort_with_an_error_status_still_gives_the_error_page()
    {
        var app = new MicroWebApp();
        app.Get("/", () => Abort(403));
        (await app.TestClient().GetAsync("/")).StatusCode.ShouldBe(403);
    }

    // Abort is [DoesNotReturn]: after `if (x is null) Abort(404);` the compiler knows x is not null. Without the
    // attribute this method does not compile (CS8603 with warnings as errors).
    private static string Found(string? value)
    {
        if (value is null) Abort(404);
        return value;
    }

    [Fact]
    public void Abort_is_a_whole_statement()
    {
        Found("ana").ShouldBe("ana");
        Should.Throw<HttpException>(() => Found(null)).StatusCode.ShouldBe(404);
    }
}
