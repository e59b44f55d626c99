namespace MicroWeb.Tests.Architecture;

/// <summary>One rule for names everywhere: case and underscores are ignored, so Flask's snake_case and C#'s
/// camelCase and PascalCase name the same endpoint, variable, value or setting.</summary>
public class NamingRuleTests
{
    private static MicroWebApp App()
    {
        var app = new MicroWebApp();
        app.Get("/pedidos/<int:pedido_id>", (int pedidoId, Request request) =>
            $"{pedidoId} {request.RouteValues["pedidoId"]} {request.RouteValues["PEDIDO_ID"]}", endpoint: "GetPedido");
        return app;
    }

    [Theory]
    [InlineData("GetPedido")]
    [InlineData("get_pedido")]
    [InlineData("getpedido")]
    public void UrlFor_finds_an_endpoint_under_any_spelling(string endpoint) =>
        App().UrlFor(endpoint, new Dictionary<string, object?> { ["pedidoId"] = 5 }).ShouldBe("/pedidos/5");

    [Theory]
    [InlineData("pedido_id")]
    [InlineData("pedidoId")]
    [InlineData("PedidoId")]
    public void UrlFor_takes_a_value_under_any_spelling(string name) =>
        App().UrlFor("GetPedido", new Dictionary<string, object?> { [name] = 5 }).ShouldBe("/pedidos/5");

    [Fact]
    public async Task Parameters_and_route_values_bind_under_any_spelling() =>
        (await App().TestClient().GetAsync("/pedidos/7")).Text.ShouldBe("7 7 7");

    [Fact]
    public void Settings_are_read_under_any_spelling()
    {
        var app = new MicroWebApp();
        app.Config["DATABASE_URL"] = "sqlite:x";
        app.Config["databaseUrl"].ShouldBe("sqlite:x");
        app.Config["DatabaseUrl"].ShouldBe("sqlite:x");
    }
}
