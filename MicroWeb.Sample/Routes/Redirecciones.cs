using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>url_for and redirect, as in the lecture.</summary>
public static class Redirecciones
{
    [Route("/admin")]
    public static string HolaAdmin() => "hola Admin";

    [Route("/invitado/<invitado>")]
    public static string HolaInvitado(string invitado) => $"hola {Escape(invitado)} invitado";

    [Route("/usuario/<nombre>")]
    public static Response HolaUsuario(string nombre) =>
        nombre == "admin"
            ? Redirect(UrlFor(nameof(HolaAdmin)))
            : Redirect(UrlFor(nameof(HolaInvitado), new { invitado = nombre }));
}
