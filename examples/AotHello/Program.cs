using System.Text.Json.Serialization;
using MicroWeb;
using static MicroWeb.Web;

// Only AOT-safe APIs: a source-generated JSON context, [Route] classes registered by type, template models passed
// with RenderTemplate<T> and the types inside them registered with AddModelType<T>.
var app = new MicroWebApp("AotHello");
app.JsonOptions.TypeInfoResolverChain.Insert(0, AotJson.Default);
app.Templates.AddModelType<Pedido>().AddModelType<Linea>();
Pedido[] pedidos = [new(1, [new("pan", 2), new("té & café", 1)]), new(2, [new("sal", 3)])];
app.Get("/", () => RenderTemplate("index.html"));
app.Get("/pedidos", () => RenderTemplate("pedidos.html", new { cliente = "Ana", pedidos }));
// A type inside the model that was not registered: an error naming it (a 500 here), never a page left blank.
app.Get("/sin-registrar", () => RenderTemplate("pedidos.html", new { cliente = "Ana", pedidos = new[] { new Suelto(3) } }));
app.Get("/hola/<nombre>", (string nombre) => new Saludo(nombre, nombre.Length));
app.Post("/eco", (Saludo saludo) => saludo with { Letras = saludo.Nombre.Length });
app.Get("/contar", () =>
{
    var visitas = Web.Session.Get<int>("visitas") + 1;
    Web.Session.Set("visitas", visitas);
    return $"visitas: {visitas}";
});
app.AddRoutes(typeof(Perfiles));
app.UseOpenApi("AotHello", "1.0.0");
return app.Run(args);

/// <summary>A greeting.</summary>
public sealed record Saludo(string Nombre, int Letras);

/// <summary>Attribute routes, registered by type so that trimming keeps them.</summary>
public static class Perfiles
{
    /// <summary>A profile by number.</summary>
    [Route("/perfiles/<int:id>")]
    public static Saludo Perfil(int id) => new($"perfil {id}", id);

    /// <summary>The URL of a profile, built from an anonymous object.</summary>
    [Route("/enlace/<int:id>")]
    public static string Enlace(int id) => UrlFor("Perfil", new { id });
}

/// <summary>An order, read by a template.</summary>
public sealed record Pedido(int Numero, IReadOnlyList<Linea> Lineas);

/// <summary>A line of an order, read by a template.</summary>
public sealed record Linea(string Producto, int Cantidad);

/// <summary>A type no template registration names.</summary>
public sealed record Suelto(int Numero);

/// <summary>Every type the app reads or writes as JSON.</summary>
[JsonSerializable(typeof(Saludo))]
internal sealed partial class AotJson : JsonSerializerContext;
