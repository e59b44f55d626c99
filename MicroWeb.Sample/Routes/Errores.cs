using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>The lecture's custom exception: a user whose profile may not be seen.</summary>
public sealed class AccesoRestringidoAUsuarios(string usuario) : Exception($"El perfil de '{usuario}' es restringido");

/// <summary>Error handling, as in the lecture: custom pages for 404 and 500, a custom exception answered with 401.</summary>
public static class Errores
{
    private static readonly Dictionary<string, object> Perfiles = new()
    {
        ["daniel"] = new { usuario = "daniel", nombre = "Daniel", apellido = "Ortiz", rol = "profesor" },
        ["ana"] = new { usuario = "ana", nombre = "Ana", apellido = "Costa", rol = "estudiante" },
    };

    // Users that exist but whose profiles are restricted.
    private static readonly HashSet<string> Restringidos = ["admin", "root"];

    [Route("/perfiles/<usuario>")]
    public static object ObtenerPerfil(string usuario)
    {
        if (Restringidos.Contains(usuario)) throw new AccesoRestringidoAUsuarios(usuario);
        return Perfiles.TryGetValue(usuario, out var perfil) ? perfil : throw Abort(404);
    }

    [Route("/error")]
    public static string Error() => throw new InvalidOperationException("Error forzado");

    [ErrorHandler(typeof(AccesoRestringidoAUsuarios))]
    public static (string, int) SinPermiso() => ("No tienes permiso para ver perfiles", 401);

    [ErrorHandler(404)]
    public static (Response, int) NoSeEncontro() => (RenderTemplate("404.html"), 404);

    [ErrorHandler(500)]
    public static (Response, int) ErrorInterno() => (RenderTemplate("500.html"), 500);
}
