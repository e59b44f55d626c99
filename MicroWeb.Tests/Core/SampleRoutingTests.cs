using System.Text;

namespace MicroWeb.Tests.Core;

/// <summary>The lecture's routing examples, through the sample's app and the in-memory test client.</summary>
public class SampleRoutingTests
{
    private readonly TestClient _client = MicroWeb.Sample.SampleApp.Create([]).App.TestClient();

    [Theory]
    [InlineData("/", "<p>Hola a todos!</p>")]
    [InlineData("/inicio", "<p>Hola a todos!</p>")]
    [InlineData("/adios", "<p>Adios a todos!</p>")]
    [InlineData("/ruta/", "Ruta base")]
    [InlineData("/ruta/daniel", "Recibi el parametro daniel")]
    [InlineData("/ruta/especial", "Ruta especial")]
    [InlineData("/hola/Daniel", "Hello Daniel!")]
    [InlineData("/hola/Jos%C3%A9%20Mar%C3%ADa", "Hello José María!")]
    [InlineData("/blog", "Blog")]
    [InlineData("/blog/5", "Blog Publicacion 5")]
    [InlineData("/admin", "hola Admin")]
    [InlineData("/invitado/ana", "hola ana invitado")]
    [InlineData("/archivos/docs/notas.txt", "Archivo docs/notas.txt")]
    [InlineData("/archivos/7", "Archivo numero 7")]
    [InlineData("/precio/10.5", "Precio 10.50")]
    [InlineData("/pedido/6F9619FF-8B86-D011-B42D-00C04FC964FF", "Pedido 6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    public async Task Lecture_routes_answer_as_in_flask(string path, string body)
    {
        var response = await _client.GetAsync(path);
        response.StatusCode.ShouldBe(200);
        response.Text.ShouldBe(body);
        response.ContentType.ShouldBe("text/html; charset=utf-8");
    }

    [Theory]
    [InlineData("/blog/abc")]
    [InlineData("/blog/99999999999999")] // too big for the handler's int: no match, never a 500
    [InlineData("/precio/10")] // float needs a decimal point, as in Werkzeug
    [InlineData("/pedido/123")]
    [InlineData("/blog/")]
    [InlineData("/no/existe")]
    public async Task Values_that_do_not_fit_are_404(string path) =>
        (await _client.GetAsync(path)).StatusCode.ShouldBe(404);

    [Fact]
    public async Task Slashless_url_of_a_slash_rule_redirects_with_308_keeping_the_query()
    {
        var response = await _client.GetAsync("/ruta?x=1");
        response.StatusCode.ShouldBe(308);
        response.Location.ShouldBe("/ruta/?x=1");
    }

    [Theory]
    [InlineData("/usuario/admin", "/admin")]
    [InlineData("/usuario/ana", "/invitado/ana")]
    [InlineData("/usuario/ana%20mar%C3%ADa", "/invitado/ana%20mar%C3%ADa")]
    public async Task Usuario_redirects_through_url_for(string path, string location)
    {
        var response = await _client.GetAsync(path);
        response.StatusCode.ShouldBe(302);
        response.Location.ShouldBe(location);
    }

    [Fact]
    public async Task Enviar_json_echoes_json_and_refuses_other_content()
    {
        var echoed = await _client.PostAsync("/enviar_json", "{\"nombre\":\"Daniel\",\"n\":[1,2]}", "application/json; charset=utf-8");
        echoed.StatusCode.ShouldBe(200);
        echoed.ContentType!.Split(';')[0].ShouldBe("application/json");
        echoed.Text.ShouldBe("{\"nombre\":\"Daniel\",\"n\":[1,2]}");

        var text = await _client.PostAsync("/enviar_json", "hola", "text/plain; charset=utf-8");
        text.Text.ShouldBe("Tipo de contenido en el objeto no soportado!");

        var get = await _client.GetAsync("/enviar_json");
        get.StatusCode.ShouldBe(405);
        get.Headers["Allow"]!.Split(", ").ShouldBe(["OPTIONS", "POST"], ignoreOrder: true);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_a_clear_message()
    {
        var response = await _client.PostAsync("/enviar_json", "{\"a\":", "application/json; charset=utf-8");
        response.StatusCode.ShouldBe(400);
        response.Text.ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task Frutas_lists_and_creates()
    {
        var list = (await _client.GetAsync("/datos/frutas")).Text;
        list.ShouldStartWith("[{\"nombre\":\"manzana\",\"color\":\"verde\"},{\"nombre\":\"banana\",\"color\":\"amarilla\"}");

        var created = await _client.PostJsonAsync("/datos/crear_fruta", new { nombre = "mango", color = "rojo" });
        created.StatusCode.ShouldBe(201);
        created.Text.ShouldBe("{\"nombre\":\"mango\",\"color\":\"rojo\"}");

        var missing = await _client.PostJsonAsync("/datos/crear_fruta", new { nombre = "kiwi" });
        missing.StatusCode.ShouldBe(400);
        missing.Text.ShouldContain("\"campos\":[\"color\"]");

        var notJson = await _client.PostAsync("/datos/crear_fruta", "nombre=kiwi", "application/x-www-form-urlencoded; charset=utf-8");
        notJson.StatusCode.ShouldBe(415);
    }

    [Fact]
    public async Task Head_has_headers_and_no_body_and_options_lists_methods()
    {
        var head = await _client.SendAsync("HEAD", "/hola/x");
        head.StatusCode.ShouldBe(200);
        head.ContentLength.ShouldBe(Encoding.UTF8.GetByteCount("Hello x!"));
        head.Bytes.ShouldBeEmpty();

        var options = await _client.SendAsync("OPTIONS", "/blog");
        options.StatusCode.ShouldBe(200);
        options.Headers["Allow"]!.Split(", ").ShouldBe(["GET", "HEAD", "OPTIONS"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("/hola/%zz")]
    [InlineData("/hola/%C3%28")] // invalid UTF-8
    public async Task Bad_percent_encoding_is_400_and_the_app_keeps_serving(string path)
    {
        // The same targets, sent byte for byte to a real server: HostileInputTests.Bad_encoding_in_path_or_query_is_400.
        (await _client.GetAsync(path)).StatusCode.ShouldBe(400);
        (await _client.GetAsync("/hola/ok")).StatusCode.ShouldBe(200);
    }
}
