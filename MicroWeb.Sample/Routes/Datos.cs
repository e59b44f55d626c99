using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>A fruit, as the lecture's REST example sends and receives it.</summary>
/// <param name="Nombre">The fruit's name, its key in the list.</param>
/// <param name="Color">Its colour.</param>
public sealed record Fruta(string Nombre, string Color);

/// <summary>What PUT /datos/frutas/&lt;nombre&gt; sends: the fruit's new colour (the name is in the URL).</summary>
/// <param name="Color">The colour, 3 to 30 characters.</param>
public sealed record CambioDeFruta([Required, StringLength(30, MinimumLength = 3)] string Color);

/// <summary>The answer of crear_fruta when fields are missing.</summary>
/// <param name="Error">What went wrong.</param>
/// <param name="Campos">The missing fields.</param>
public sealed record FaltanCampos(string Error, IReadOnlyList<string> Campos);

/// <summary>The lecture's JSON services: echo a JSON body, list fruits, create, read, replace and delete one.</summary>
public static class Datos
{
    // Copy on write: reading the list (the common request) takes the current array, with no lock and no copy;
    // a change builds a new array under the lock and publishes it.
    private static readonly object Gate = new();
    private static Fruta[] _frutas = [new("manzana", "verde"), new("banana", "amarilla")];

    /// <summary>Echoes a JSON body back, exactly as received.</summary>
    [Route("/enviar_json", Methods = ["POST"])]
    [Accepts(typeof(JsonNode))]
    public static async Task<object> ProcesarJson(Request request)
    {
        if (!request.IsJson) return "Tipo de contenido en el objeto no soportado!";
        // Echo the body back as JSON: any JSON value, exactly as received.
        return (object?)await request.ReadJsonNodeAsync() ?? Response.Json(null);
    }

    /// <summary>Lists every fruit.</summary>
    [Route("/datos/frutas", Methods = ["GET"])]
    public static IReadOnlyList<Fruta> ListarFrutas() => Volatile.Read(ref _frutas);

    /// <summary>Adds a fruit.</summary>
    /// <remarks>The lecture's version: it reads the JSON itself and answers 400 with the missing fields.</remarks>
    [Route("/datos/crear_fruta", Methods = ["POST"])]
    [Accepts(typeof(Fruta))]
    [Produces(201, typeof(Fruta), Description = "The fruit was added.")]
    [Produces(400, typeof(FaltanCampos), Description = "A field is missing.")]
    public static object CrearFruta(JsonObject cuerpo)
    {
        var nombre = (cuerpo["nombre"] as JsonValue)?.TryGetValue<string>(out var n) == true ? n : null;
        var color = (cuerpo["color"] as JsonValue)?.TryGetValue<string>(out var c) == true ? c : null;
        var faltan = new List<string>();
        if (string.IsNullOrWhiteSpace(nombre)) faltan.Add("nombre");
        if (string.IsNullOrWhiteSpace(color)) faltan.Add("color");
        if (faltan.Count > 0)
            return (new FaltanCampos("Faltan campos obligatorios", faltan), 400);

        var fruta = new Fruta(nombre!, color!);
        lock (Gate) _frutas = [.. _frutas, fruta];
        return (fruta, 201);
    }

    /// <summary>Reads one fruit.</summary>
    /// <param name="nombre">The fruit's name.</param>
    /// <response code="404">There is no fruit with that name.</response>
    [Route("/datos/frutas/<nombre>", Methods = ["GET"])]
    public static Fruta LeerFruta(string nombre) =>
        Array.Find(Volatile.Read(ref _frutas), f => Same(f, nombre)) ?? throw Abort(404, "No hay una fruta con ese nombre.");

    /// <summary>Creates or replaces a fruit (PUT is idempotent: sending it twice leaves the same state).</summary>
    /// <param name="nombre">The fruit's name.</param>
    /// <param name="cambio">Its new colour.</param>
    [Route("/datos/frutas/<nombre>", Methods = ["PUT"])]
    [Produces(200, typeof(Fruta), Description = "The fruit was replaced.")]
    [Produces(201, typeof(Fruta), Description = "The fruit was created.")]
    public static (Fruta, int) GuardarFruta(string nombre, CambioDeFruta cambio)
    {
        var fruta = new Fruta(nombre, cambio.Color);
        lock (Gate)
        {
            var index = Array.FindIndex(_frutas, f => Same(f, nombre));
            if (index >= 0)
            {
                var changed = (Fruta[])_frutas.Clone();
                changed[index] = fruta;
                _frutas = changed;
                return (fruta, 200);
            }
            _frutas = [.. _frutas, fruta];
            return (fruta, 201);
        }
    }

    /// <summary>Deletes a fruit.</summary>
    /// <param name="nombre">The fruit's name.</param>
    /// <response code="204">The fruit was deleted.</response>
    /// <response code="404">There is no fruit with that name.</response>
    [Route("/datos/frutas/<nombre>", Methods = ["DELETE"])]
    public static void BorrarFruta(string nombre)
    {
        lock (Gate)
        {
            var kept = Array.FindAll(_frutas, f => !Same(f, nombre));
            if (kept.Length == _frutas.Length) throw Abort(404, "No hay una fruta con ese nombre.");
            _frutas = kept;
        }
    }

    private static bool Same(Fruta fruta, string nombre) => string.Equals(fruta.Nombre, nombre, StringComparison.OrdinalIgnoreCase);
}
