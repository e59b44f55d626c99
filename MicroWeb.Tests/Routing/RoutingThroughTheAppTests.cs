using MicroWeb.Tests.StaticFiles;

namespace MicroWeb.Tests.Routing;

/// <summary>The Werkzeug behaviours of issue 19 as a user meets them: attributes, handlers, the test client.</summary>
public class RoutingThroughTheAppTests
{
    private static class Pages
    {
        [Route("/path2/", StrictSlashes = false)]
        public static string Path2() => "path2";

        [Route("/path5", StrictSlashes = false)]
        public static string Path5() => "path5";

        [Route("/<path:p>")]
        public static string Anything(string p) => "path " + p;

        [Route("/users/", Defaults = "page=1")]
        [Route("/users/page/<int:page>")]
        public static string Users(int page) => $"page {page}";

    }

    private static class Slashes
    {
        [Route("/a/b")]
        public static string Merged() => "a/b";

        [Route("/x/y", MergeSlashes = false)]
        public static string NotMerged() => "x/y";
    }

    private static MicroWebApp App() => new MicroWebApp("routing") { Logger = new Support.CapturingLogger() }.AddRoutes(typeof(Pages));

    [Fact]
    public async Task Strict_slashes_false_matches_with_and_without_the_slash_before_a_path_rule()
    {
        var client = App().TestClient();
        (await client.GetAsync("/path2")).Text.ShouldBe("path2");
        (await client.GetAsync("/path2/")).Text.ShouldBe("path2");
        (await client.GetAsync("/path5")).Text.ShouldBe("path5");
        (await client.GetAsync("/path5/")).Text.ShouldBe("path5");
        (await client.GetAsync("/other/")).Text.ShouldBe("path other/");
    }

    [Fact]
    public async Task Pagination_defaults_fill_the_parameter_build_the_short_url_and_redirect_the_long_one()
    {
        var app = App();
        var client = app.TestClient();
        (await client.GetAsync("/users/")).Text.ShouldBe("page 1");
        (await client.GetAsync("/users/page/2")).Text.ShouldBe("page 2");
        var redirect = await client.GetAsync("/users/page/1?orden=nombre");
        redirect.StatusCode.ShouldBe(308);
        redirect.Location.ShouldBe("/users/?orden=nombre");
        app.UrlFor("Users", new { page = 1 }).ShouldBe("/users/");
        app.UrlFor("Users").ShouldBe("/users/");
        app.UrlFor("Users", new { page = 3 }).ShouldBe("/users/page/3");

        var delegates = new MicroWebApp("delegates") { Logger = new Support.CapturingLogger() };
        Func<int, string> list = page => $"page {page}";
        delegates.Route("/items/", list, endpoint: "items", defaults: new { page = 1 });
        delegates.Route("/items/<int:page>", list, endpoint: "items");
        (await delegates.TestClient().GetAsync("/items/")).Text.ShouldBe("page 1");
        (await delegates.TestClient().GetAsync("/items/1")).Location.ShouldBe("/items/");
        delegates.UrlFor("items", new { page = 1 }).ShouldBe("/items/");
    }

    [Fact]
    public async Task Repeated_slashes_redirect_unless_the_rule_or_the_app_turns_it_off()
    {
        var client = new MicroWebApp("slashes") { Logger = new Support.CapturingLogger() }.AddRoutes(typeof(Slashes)).TestClient();
        var redirect = await client.GetAsync("/a//b?q=1");
        redirect.StatusCode.ShouldBe(308);
        redirect.Location.ShouldBe("/a/b?q=1");
        (await client.GetAsync("/x//y")).StatusCode.ShouldBe(404); // the rule opted out
        // A rule that matches the path as sent wins before any merging (Werkzeug merges only when nothing matched).
        (await App().TestClient().GetAsync("/x//y")).Text.ShouldBe("path x//y");

        var off = new MicroWebApp("off") { Logger = new Support.CapturingLogger() };
        off.Routes.MergeSlashes = false;
        off.Get("/a/b", () => "a/b");
        (await off.TestClient().GetAsync("/a//b")).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task Dot_segments_are_removed_before_routing_and_never_leave_the_static_folder()
    {
        using var site = new StaticSite();
        var app = site.CreateApp();
        app.Get("/a/<x>", (string x) => "a " + x);
        var client = app.TestClient();
        (await client.GetAsync("/static/docs/../style.css")).Text.ShouldBe("body { color: red; }");
        (await client.GetAsync("/static/./style.css")).Text.ShouldBe("body { color: red; }");
        (await client.GetAsync("/b/../a/c")).Text.ShouldBe("a c");
        (await client.GetAsync("/static/../secret.txt")).StatusCode.ShouldBe(404);
        (await client.GetAsync("/static/%2E%2E/secret.txt")).StatusCode.ShouldBe(404);
        (await client.GetAsync("/static/..%2F..%2Fsecret.txt")).StatusCode.ShouldBe(404);
        (await client.GetAsync("/static/docs/../../secret.txt")).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task An_unsatisfiable_range_is_answered_as_other_errors_are()
    {
        using var site = new StaticSite();
        var plain = await site.CreateApp().TestClient().GetAsync("/static/style.css", new Dictionary<string, string> { ["Range"] = "bytes=100-" });
        plain.StatusCode.ShouldBe(416);
        plain.Headers["Content-Range"].ShouldBe("bytes */20");
        plain.ContentType.ShouldNotBe("text/css; charset=utf-8");
        plain.Text.ShouldContain("Range Not Satisfiable");

        var app = site.CreateApp();
        app.ErrorHandler(416, () => ("no such range", 416));
        var handled = await app.TestClient().GetAsync("/static/style.css", new Dictionary<string, string> { ["Range"] = "bytes=100-" });
        handled.StatusCode.ShouldBe(416);
        handled.Text.ShouldBe("no such range");
    }
}
