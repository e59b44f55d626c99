namespace Flaskr.Tests;

public class BlogTests : FlaskrTest
{
    [Fact]
    public async Task Index()
    {
        var page = (await Client.GetAsync("/")).Text;
        page.ShouldContain("Log In");
        page.ShouldContain("Register");

        await Login();
        page = (await Client.GetAsync("/")).Text;
        page.ShouldContain("test title");
        page.ShouldContain("by test on 2018-01-01");
        page.ShouldContain("test\nbody");
        page.ShouldContain("href=\"/1/update\"");
    }

    [Theory]
    [InlineData("/create")]
    [InlineData("/1/update")]
    [InlineData("/1/delete")]
    public async Task Login_is_required(string path) =>
        (await Client.PostAsync(path)).Location.ShouldBe("/auth/login");

    [Fact]
    public async Task Only_the_author_may_change_a_post()
    {
        Execute("UPDATE post SET author_id = 2 WHERE id = 1");
        await Login();
        (await Client.PostAsync("/1/update")).StatusCode.ShouldBe(403);
        (await Client.PostAsync("/1/delete")).StatusCode.ShouldBe(403);
        (await Client.GetAsync("/")).Text.ShouldNotContain("href=\"/1/update\"");
    }

    [Theory]
    [InlineData("/2/update")]
    [InlineData("/2/delete")]
    public async Task The_post_must_exist(string path)
    {
        await Login();
        (await Client.PostAsync(path)).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task Create()
    {
        await Login();
        (await Client.GetAsync("/create")).StatusCode.ShouldBe(200);
        await Client.PostFormAsync("/create", new { title = "created", body = "" });
        Execute("SELECT COUNT(id) FROM post").ShouldBe(2L);
    }

    [Fact]
    public async Task Update()
    {
        await Login();
        (await Client.GetAsync("/1/update")).StatusCode.ShouldBe(200);
        await Client.PostFormAsync("/1/update", new { title = "updated", body = "" });
        Execute("SELECT title FROM post WHERE id = 1").ShouldBe("updated");
    }

    [Fact]
    public async Task The_edit_form_shows_the_body_exactly_so_saving_it_changes_nothing()
    {
        await Login();
        (await Client.GetAsync("/1/update")).Text.ShouldContain("<textarea name=\"body\" id=\"body\">test\nbody</textarea>");
    }

    [Theory]
    [InlineData("/create")]
    [InlineData("/1/update")]
    public async Task Create_and_update_validate_the_title(string path)
    {
        await Login();
        (await Client.PostFormAsync(path, new { title = "", body = "" })).Text.ShouldContain("Title is required.");
    }

    [Fact]
    public async Task Delete()
    {
        await Login();
        (await Client.PostAsync("/1/delete")).Location.ShouldBe("/");
        Execute("SELECT COUNT(*) FROM post WHERE id = 1").ShouldBe(0L);
    }
}
