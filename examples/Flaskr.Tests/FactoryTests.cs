namespace Flaskr.Tests;

public class FactoryTests : FlaskrTest
{
    [Fact]
    public void Testing_is_off_unless_the_test_config_says_so()
    {
        FlaskrApp.Create().Config.Testing.ShouldBeFalse();
        App.Config.Testing.ShouldBeTrue();
    }

    [Fact]
    public async Task Hello() => (await Client.GetAsync("/hello")).Text.ShouldBe("Hello, World!");
}
