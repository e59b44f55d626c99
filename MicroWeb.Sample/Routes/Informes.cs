using MicroWeb.RateLimiting;
using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>A streamed template (Flask's stream_template): the page's start arrives while its rows are still produced.</summary>
[RateLimit("flujos")]
public static class Informes
{
    /// <summary>A report of <paramref name="filas"/> rows, one every 200 ms as from a slow query: <c>curl -N localhost:5000/informe/5</c>.</summary>
    [Route("/informe/<int:filas>")]
    public static Response Informe(int filas) =>
        StreamTemplate("informe.html", new { titulo = $"Informe de {filas} filas", filas = Filas(Math.Min(filas, 50)) });

    // Read by the template as it renders, on the render's own thread (so the wait blocks no request thread).
    private static IEnumerable<Fila> Filas(int cuantas)
    {
        for (var i = 1; i <= cuantas; i++)
        {
            if (i > 1) Thread.Sleep(200); // the slow query
            yield return new Fila(i, DateTime.UtcNow);
        }
    }

    /// <summary>A row of the report.</summary>
    public sealed record Fila(int Numero, DateTime Hora);
}
