using System.Net;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Errors;

public class SampleErrorTests
{
    [Fact]
    public async Task Perfiles_answers_profiles_401_for_restricted_and_404_page_for_unknown()
    {
        await using var s = await LiveServer.StartSampleAsync();
        (await s.GetAsync("/perfiles/daniel")).Body.ShouldBe("{\"usuario\":\"daniel\",\"nombre\":\"Daniel\",\"apellido\":\"Ortiz\",\"rol\":\"profesor\"}");
        (await s.GetAsync("/perfiles/ana")).Body.ShouldBe("{\"usuario\":\"ana\",\"nombre\":\"Ana\",\"apellido\":\"Costa\",\"rol\":\"estudiante\"}");

        var restricted = await s.GetAsync("/perfiles/admin");
        restricted.Status.ShouldBe(HttpStatusCode.Unauthorized);
        restricted.Body.ShouldBe("No tienes permiso para ver perfiles");

        var unknown = await s.GetAsync("/perfiles/nadie");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        unknown.Body.ShouldContain("Page not found");
        unknown.Body.ShouldContain("<code>/perfiles/nadie</code>");
        unknown.Body.ShouldContain("<a href=\"/\">Back</a>");
    }

    [Fact]
    public async Task Error_shows_the_lecture_500_page_in_production()
    {
        await using var s = await LiveServer.StartSampleAsync();
        s.App.Logger = new CapturingLogger();
        var error = await s.GetAsync("/error");
        error.Status.ShouldBe(HttpStatusCode.InternalServerError);
        error.Body.ShouldContain("An unexpected error has occurred");
        error.Body.ShouldContain("<a href=\"/\">Back</a>");
        error.Body.ShouldNotContain("Error forzado");
        error.Response.Headers.Contains("X-Request-Id").ShouldBeTrue();
    }

    [Fact]
    public async Task Error_shows_the_debug_page_in_debug_mode()
    {
        await using var s = await LiveServer.StartSampleAsync("--debug");
        s.App.Logger = new CapturingLogger();
        var error = await s.GetAsync("/error");
        error.Status.ShouldBe(HttpStatusCode.InternalServerError);
        error.Body.ShouldContain("System.InvalidOperationException");
        error.Body.ShouldContain("Error forzado");
        error.Body.ShouldContain("Errores.cs, line");
    }
}
