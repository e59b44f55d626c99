namespace MicroWeb.Sample.Routes;

/// <summary>The lecture's first examples: one handler on two rules, and a second page.</summary>
public static class Inicio
{
    [Route("/")]
    [Route("/inicio")]
    public static string Index() => "<p>Hola a todos!</p>";

    [Route("/adios")]
    public static string Adios() => "<p>Adios a todos!</p>";
}
