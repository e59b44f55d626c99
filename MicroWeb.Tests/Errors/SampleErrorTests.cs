using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Errors;

public class SampleErrorTests
{
    [Fact]
    public async Task Perfiles_answers_profiles_401_for_restricted_and_404_page_for_unknown()
    {
        var s = SampleClient.Create();
        (await s.GetAsync("/perfiles/daniel")).Text.ShouldBe("{\"usuario\":\"daniel\",\"nombre\":\"Daniel\",\"apellido\":\"Ortiz\",\"rol\":\"profesor\"}");
        (await s.GetAsync("/perfiles/ana")).Text.ShouldBe("{\"usuario\":\"ana\",\"nombre\":\"Ana\",\"apellido\":\"Costa\",\"rol\":\"estudiante\"}");

        var restricted = await s.GetAsync("/perfiles/admin");
        restricted.StatusCode.ShouldBe(401);
        restricted.Text.ShouldBe("No tienes permiso para ver perfiles");

        var unknown = await s.GetAsync("/perfiles/nadie");
        unknown.StatusCode.ShouldBe(404);
        unknown.Text.ShouldContain("Page not found");
        unknown.Text.ShouldContain("<code>/perfiles/nadie</code>");
        unknown.Text.ShouldContain("<a href=\"/\">Back</a>");
    }

    [Fact]
    public async Task Error_shows_the_lecture_500_page_in_production()
    {
        var app = MicroWeb.Sample.SampleApp.Create([]).App;
        app.Logger = new CapturingLogger();
        var s = app.TestClient();
        var error = await s.GetAsync("/error");
        error.StatusCode.ShouldBe(500);
        error.Text.ShouldContain("An unexpected error has occurred");
        error.Text.ShouldContain("<a href=\"/\">Back</a>");
        error.Text.ShouldNotContain("Error forzado");
        error.Headers.Contains("X-Request-Id").ShouldBeTrue();
    }

    [Fact]
    public async Task Error_shows_the_debug_page_in_debug_mode()
    {
        var app = MicroWeb.Sample.SampleApp.Create(["--debug"]).App;
        app.Logger = new CapturingLogger();
        var s = app.TestClient();
        var error = await s.GetAsync("/error");
        error.StatusCode.ShouldBe(500);
        error.Text.ShouldContain("System.InvalidOperationException");
        error.Text.ShouldContain("Error forzado");
        error.Text.ShouldContain("Errores.cs, line");
    }
}
