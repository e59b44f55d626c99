

namespace Flaskr.Tests;

public class AuthTests : FlaskrTest
{
    [Fact]
    public async Task Register_adds_the_user()
    {
        (await Client.GetAsync("/auth/register")).StatusCode.ShouldBe(200);
        var response = await Client.PostFormAsync("/auth/register", new { username = "a", password = "a" });
        response.Location.ShouldBe("/auth/login");
        Execute("SELECT COUNT(*) FROM user WHERE username = 'a'").ShouldBe(1L);
    }

    [Theory]
    [InlineData("", "", "Username is required.")]
    [InlineData("a", "", "Password is required.")]
    [InlineData("test", "test", "already registered")]
    public async Task Register_validates_input(string username, string password, string message) =>
        (await Client.PostFormAsync("/auth/register", new { username, password })).Text.ShouldContain(message);

    [Fact]
    public async Task Login_puts_the_user_in_the_session_and_g()
    {
        (await Client.GetAsync("/auth/login")).StatusCode.ShouldBe(200);
        (await Login()).Location.ShouldBe("/");

        await Client.GetAsync("/");
        Client.LastContext!.Session.Get<long>("user_id").ShouldBe(1);
        Client.LastContext.G.Get<User>("user")!.Username.ShouldBe("test");
    }

    [Theory]
    [InlineData("a", "test", "Incorrect username.")]
    [InlineData("test", "a", "Incorrect password.")]
    public async Task Login_validates_input(string username, string password, string message) =>
        (await Login(username, password)).Text.ShouldContain(message);

    [Fact]
    public async Task Logout_forgets_the_user()
    {
        await Login();
        await Logout();
        Client.LastContext!.Session.ContainsKey("user_id").ShouldBeFalse();
    }
}
