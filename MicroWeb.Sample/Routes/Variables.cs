using System.Globalization;
using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>Variable rules and converters (string, int, float, path, uuid), and specificity. A returned string is
/// HTML, so every value from the URL is escaped, as Flask's quickstart does with <c>escape()</c>.</summary>
public static class Variables
{
    [Route("/ruta/")]
    public static string RutaBase() => "Ruta base";

    [Route("/ruta/<variable>")]
    public static string ProcesarRuta(string variable) => $"Recibi el parametro {Escape(variable)}";

    // Declared after /ruta/<variable> on purpose: a static segment still wins, whatever the order.
    [Route("/ruta/especial")]
    public static string RutaEspecial() => "Ruta especial";

    [Route("/hola/<nombre>")]
    public static string HolaNombre(string nombre) => $"Hello {Escape(nombre)}!";

    [Route("/blog")]
    public static string VerBlog() => "Blog";

    [Route("/blog/<int:publicacionId>")]
    public static string VerPublicacion(int publicacionId) => $"Blog Publicacion {publicacionId}";

    [Route("/archivos/<path:ruta>")]
    public static string Archivo(string ruta) => $"Archivo {Escape(ruta)}";

    // int beats path for "/archivos/7", even though the path rule is declared first.
    [Route("/archivos/<int:numero>")]
    public static string ArchivoNumero(int numero) => $"Archivo numero {numero}";

    [Route("/precio/<float:valor>")]
    public static string Precio(double valor) => $"Precio {valor.ToString("F2", CultureInfo.InvariantCulture)}";

    [Route("/pedido/<uuid:pedido_id>")]
    public static string Pedido(Guid pedidoId) => $"Pedido {pedidoId:D}";
}
