using MicroWeb.Http;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Security;

/// <summary>Open redirects: IsLocalUrl/LocalRedirect for user-given targets, and script URLs refused by Redirect.</summary>
public class RedirectTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/cuenta?tab=1#x", true)]
    [InlineData("/a//b", true)]
    [InlineData("//evil.com", false)]
    [InlineData("/\\evil.com", false)]
    [InlineData("/\t/evil.com", false)]
    [InlineData("/\n/evil.com", false)]
    [InlineData("https://evil.com", false)]
    [InlineData("http:evil.com", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("cuenta", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Local_urls_are_paths_on_this_site(string? url, bool local) => Responses.IsLocalUrl(url).ShouldBe(local);

    private static MicroWebApp App()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Get("/login", ([FromQuery] string? next) => LocalRedirect(next, fallback: "/inicio"));
        app.Get("/ir", ([FromQuery] string destino) => Redirect(destino));
        return app;
    }

    [Theory]
    [InlineData("/cuenta", "/cuenta")]
    [InlineData("//evil.com", "/inicio")]
    [InlineData("https://evil.com/", "/inicio")]
    [InlineData("/%5Cevil.com", "/%5Cevil.com")] // a percent-encoded backslash stays a path
    public async Task LocalRedirect_keeps_local_targets_and_falls_back_otherwise(string next, string location)
    {
        var response = await App().TestClient().GetAsync("/login?next=" + Uri.EscapeDataString(next));
        response.StatusCode.ShouldBe(302);
        response.Location.ShouldBe(location);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" \tjava\nscript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    public async Task Redirect_refuses_script_and_data_urls(string target)
    {
        Should.Throw<ArgumentException>(() => Responses.Redirect(target)).Message.ShouldContain("javascript:");
        var response = await App().TestClient().GetAsync("/ir?destino=" + Uri.EscapeDataString(target));
        response.StatusCode.ShouldBe(500);
        response.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("https://example.com/x")]
    [InlineData("/datos?formato=javascript:no")]
    [InlineData("database:ok")]
    public void Redirect_still_takes_other_urls(string target) => Responses.Redirect(target).StatusCode.ShouldBe(302);
}
