using static MicroWeb.Web;

namespace MicroWeb.Tests.Apps;

/// <summary>What Flask's test client gives a test of a login: form posts, a cookie jar that follows the session,
/// session_transaction, the last request's context and following redirects.</summary>
public class TestClientSessionTests
{
    private static MicroWebApp App()
    {
        var app = new MicroWebApp { Config = { SecretKey = "test-key", Testing = true } };
        app.BeforeRequest(c => { c.G["user"] = c.Session.Get<int?>("user_id") is { } id ? $"user{id}" : null; return null; });
        app.Post("/login", () =>
        {
            if (Web.Request.Form["password"] != "secret") return Response.Text("Incorrect password.");
            Web.Session.Clear();
            Web.Session.Set("user_id", 1);
            return Redirect("/");
        });
        app.Get("/", () => $"hello {G["user"] ?? "stranger"}");
        app.Get("/logout", () => { Web.Session.Clear(); return Redirect("/"); });
        return app;
    }

    [Fact]
    public async Task A_login_sets_the_session_and_the_next_request_sees_it()
    {
        var client = App().TestClient();
        (await client.PostFormAsync("/login", new { username = "test", password = "nope" })).Text.ShouldBe("Incorrect password.");
        var response = await client.PostFormAsync("/login", new { username = "test", password = "secret" });
        response.Location.ShouldBe("/");

        await client.GetAsync("/");
        client.LastContext!.Session.Get<int>("user_id").ShouldBe(1);
        client.LastContext.G["user"].ShouldBe("user1");

        await client.GetAsync("/logout");
        client.LastContext.Session.ContainsKey("user_id").ShouldBeFalse();
        (await client.GetAsync("/")).Text.ShouldBe("hello stranger");
    }

    [Fact]
    public async Task SessionTransaction_sets_the_session_the_next_request_carries()
    {
        var client = App().TestClient();
        client.SessionTransaction(s => s.Set("user_id", 7));
        (await client.GetAsync("/")).Text.ShouldBe("hello user7");
        int? seen = null;
        client.SessionTransaction(s => seen = s.Get<int>("user_id"));
        seen.ShouldBe(7);
        client.SessionTransaction(s => s.Clear());
        (await client.GetAsync("/")).Text.ShouldBe("hello stranger");
    }

    [Fact]
    public async Task Following_redirects_lands_on_the_page()
    {
        var client = App().TestClient(followRedirects: true);
        (await client.PostFormAsync("/login", new { username = "test", password = "secret" })).Text.ShouldBe("hello user1");
    }
}
