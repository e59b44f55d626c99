using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>A product, as the lecture's Django model (nombre, precio, descripcion); templates read it as producto.nombre.</summary>
public sealed record Producto(string Nombre, decimal Precio, string Descripcion);

/// <summary>Templates, as in the lecture: render_template('hola.html', nombre=...), and a list inside a shared layout.</summary>
public static class Plantillas
{
    private static readonly Producto[] Catalogo =
    [
        new("Manzana", 0.50m, "Verde y crujiente"),
        new("Banana", 0.25m, "Amarilla"),
        new("Café <Especial> & \"Tostado\"", 12.90m, "El nombre muestra el escape automático de HTML"),
    ];

    // `nombre` comes from ?nombre=..., so escaping can be seen at work: /hola?nombre=<script>alert(1)</script>
    [Route("/hola")]
    public static Response Hola([FromQuery] string nombre = "Daniel") => RenderTemplate("hola.html", new { nombre });

    [Route("/productos")]
    public static Response ListaProductos() => RenderTemplate("lista_productos.html", new { productos = Catalogo });
}
