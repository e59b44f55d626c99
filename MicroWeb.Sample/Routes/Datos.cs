using System.Text.Json.Nodes;
using MicroWeb.Http;

namespace MicroWeb.Sample.Routes;

/// <summary>A fruit, as the lecture's REST example sends and receives it.</summary>
public sealed record Fruta(string? Nombre, string? Color);

/// <summary>The lecture's JSON services: echo a JSON body, list fruits, create one.</summary>
public static class Datos
{
    private static readonly object Gate = new();
    private static readonly List<Fruta> Frutas = [new("manzana", "verde"), new("banana", "amarilla")];

    [Route("/enviar_json", Methods = ["POST"])]
    public static async Task<object> ProcesarJson(Request request)
    {
        if (!request.IsJson) return "Tipo de contenido en el objeto no soportado!";
        // Echo the body back as JSON: any JSON value, exactly as received.
        return (object?)await request.ReadJsonNodeAsync() ?? Response.Json(null);
    }

    [Route("/datos/frutas", Methods = ["GET"])]
    public static IReadOnlyList<Fruta> ListarFrutas()
    {
        lock (Gate) return Frutas.ToArray();
    }

    [Route("/datos/crear_fruta", Methods = ["POST"])]
    public static object CrearFruta(JsonObject cuerpo)
    {
        var nombre = (cuerpo["nombre"] as JsonValue)?.TryGetValue<string>(out var n) == true ? n : null;
        var color = (cuerpo["color"] as JsonValue)?.TryGetValue<string>(out var c) == true ? c : null;
        var faltan = new List<string>();
        if (string.IsNullOrWhiteSpace(nombre)) faltan.Add("nombre");
        if (string.IsNullOrWhiteSpace(color)) faltan.Add("color");
        if (faltan.Count > 0)
            return (new { error = "Faltan campos obligatorios", campos = faltan }, 400);

        var fruta = new Fruta(nombre, color);
        lock (Gate) Frutas.Add(fruta);
        return (fruta, 201);
    }
}
