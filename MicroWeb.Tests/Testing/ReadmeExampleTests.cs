using static MicroWeb.Web;

namespace MicroWeb.Tests.Testing;

// The testing guide's example (docs/testing-and-embedding.md), run: the doc tests compile it, this runs it.
public record Fruta(string Nombre, string Color);

public class FrutasTests
{
    private static MicroWebApp CreateApp()
    {
        var frutas = new List<Fruta> { new("manzana", "verde") };
        var app = new MicroWebApp(new MicroWebOptions { SecretKey = "test-key" });
        app.Get("/frutas", () => frutas);
        app.Post("/frutas", (Fruta f) => { frutas.Add(f); return (f, 201); });
        app.Get("/frutas/<nombre>", (string nombre) =>
            frutas.FirstOrDefault(f => f.Nombre == nombre) ?? throw Abort(404));
        return app;
    }

    [Fact]
    public async Task Creates_and_finds_a_fruit()
    {
        var client = CreateApp().TestClient();

        var created = await client.PostJsonAsync("/frutas", new Fruta("mango", "rojo"));
        created.StatusCode.ShouldBe(201);
        (await created.ReadJsonAsync<Fruta>()).ShouldBe(new Fruta("mango", "rojo"));

        (await client.GetAsync("/frutas/mango")).Json!["color"]!.GetValue<string>().ShouldBe("rojo");
        (await client.GetAsync("/frutas/kiwi")).StatusCode.ShouldBe(404);
    }
}
