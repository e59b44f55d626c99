using System.Net;
using System.Net.Http.Json;
using System.Text;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Core;

/// <summary>The lecture's routing examples, through the sample, over real HTTP.</summary>
public class SampleRoutingTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartSampleAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

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
        var (status, text, response) = await _server.GetAsync(path);
        status.ShouldBe(HttpStatusCode.OK);
        text.ShouldBe(body);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
    }

    [Theory]
    [InlineData("/blog/abc")]
    [InlineData("/blog/99999999999999")] // too big for the handler's int: no match, never a 500
    [InlineData("/precio/10")] // float needs a decimal point, as in Werkzeug
    [InlineData("/pedido/123")]
    [InlineData("/blog/")]
    [InlineData("/no/existe")]
    public async Task Values_that_do_not_fit_are_404(string path) =>
        (await _server.GetAsync(path)).Status.ShouldBe(HttpStatusCode.NotFound);

    [Fact]
    public async Task Slashless_url_of_a_slash_rule_redirects_with_308_keeping_the_query()
    {
        var (status, _, response) = await _server.GetAsync("/ruta?x=1");
        status.ShouldBe(HttpStatusCode.PermanentRedirect);
        response.Headers.Location!.ToString().ShouldBe("/ruta/?x=1");
    }

    [Theory]
    [InlineData("/usuario/admin", "/admin")]
    [InlineData("/usuario/ana", "/invitado/ana")]
    [InlineData("/usuario/ana%20mar%C3%ADa", "/invitado/ana%20mar%C3%ADa")]
    public async Task Usuario_redirects_through_url_for(string path, string location)
    {
        var (status, _, response) = await _server.GetAsync(path);
        status.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldBe(location);
    }

    [Fact]
    public async Task Enviar_json_echoes_json_and_refuses_other_content()
    {
        var echoed = await _server.Client.PostAsync("/enviar_json", new StringContent("{\"nombre\":\"Daniel\",\"n\":[1,2]}", Encoding.UTF8, "application/json"));
        echoed.StatusCode.ShouldBe(HttpStatusCode.OK);
        echoed.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await echoed.Content.ReadAsStringAsync()).ShouldBe("{\"nombre\":\"Daniel\",\"n\":[1,2]}");

        var text = await _server.Client.PostAsync("/enviar_json", new StringContent("hola"));
        (await text.Content.ReadAsStringAsync()).ShouldBe("Tipo de contenido en el objeto no soportado!");

        var get = await _server.Client.GetAsync("/enviar_json");
        get.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        get.Content.Headers.Allow.ShouldBe(["OPTIONS", "POST"], ignoreOrder: true);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_a_clear_message()
    {
        var response = await _server.Client.PostAsync("/enviar_json", new StringContent("{\"a\":", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task Frutas_lists_and_creates()
    {
        var list = await _server.Client.GetStringAsync("/datos/frutas");
        list.ShouldStartWith("[{\"nombre\":\"manzana\",\"color\":\"verde\"},{\"nombre\":\"banana\",\"color\":\"amarilla\"}");

        var created = await _server.Client.PostAsJsonAsync("/datos/crear_fruta", new { nombre = "mango", color = "rojo" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Content.ReadAsStringAsync()).ShouldBe("{\"nombre\":\"mango\",\"color\":\"rojo\"}");

        var missing = await _server.Client.PostAsJsonAsync("/datos/crear_fruta", new { nombre = "kiwi" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("\"campos\":[\"color\"]");

        var notJson = await _server.Client.PostAsync("/datos/crear_fruta", new StringContent("nombre=kiwi", Encoding.UTF8, "application/x-www-form-urlencoded"));
        notJson.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Head_has_headers_and_no_body_and_options_lists_methods()
    {
        var head = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/hola/x"));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.ShouldBe(Encoding.UTF8.GetByteCount("Hello x!"));
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        var options = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/blog"));
        options.StatusCode.ShouldBe(HttpStatusCode.OK);
        options.Content.Headers.Allow.ShouldBe(["GET", "HEAD", "OPTIONS"], ignoreOrder: true);
    }

    [Fact]
    public async Task Bad_percent_encoding_is_400_and_the_server_keeps_serving()
    {
        // HttpClient would repair "%zz", so these go over a raw socket.
        var bad = await RawHttp.SendAsync(_server.Port, "GET /hola/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.Status(bad).ShouldBe(400);
        var utf8 = await RawHttp.SendAsync(_server.Port, "GET /hola/%C3%28 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.Status(utf8).ShouldBe(400); // invalid UTF-8
        (await _server.GetAsync("/hola/ok")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
