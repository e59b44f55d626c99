using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.Configuration.Attributes;
using static MicroWeb.Web;

namespace MicroWeb.Sample.Routes;

/// <summary>One row of the lecture's user report; CsvHelper's [Name] sets the column headers.</summary>
public sealed record FilaReporte([property: Name("nombre")] string Nombre, [property: Name("apellido")] string Apellido, [property: Name("cedula")] string Cedula);

/// <summary>Receiving and returning files, as in the lecture: send_file, a CSV report, reading a CSV file.</summary>
public static class Archivos
{
    private static readonly Dictionary<string, string[]> DatosUsuarios = new()
    {
        ["10000"] = ["Daniel", "Ortiz", "10101010"],
        ["20000"] = ["Juan", "Morales", "1566010"],
        ["30000"] = ["Ana", "Costa", "10144010"],
    };

    [Route("/descarga_imagen")]
    public static Response DescargaImagen() => SendFile("static/python.jpg", downloadName: "python.jpg");

    [Route("/reporte/<usuario>")]
    public static object GenerarReporte(string usuario)
    {
        if (!DatosUsuarios.TryGetValue(usuario, out var datos)) return ("Usuario no existe", 404);
        return Csv([new FilaReporte(datos[0], datos[1], datos[2])], "reporte.csv");
    }

    [Route("/obtener_datos")]
    public static object ProcesarInformacion()
    {
        // The lecture reads archivo.csv ("daniel,12345"): a file without a header row.
        var path = Path.Combine(AppContext.BaseDirectory, "archivo.csv");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
        if (!csv.Read()) throw Abort(500, "archivo.csv is empty");
        // jsonify sorts keys, so the lecture shows cedula before nombre.
        return new SortedDictionary<string, string> { ["cedula"] = csv.GetField(1)!, ["nombre"] = csv.GetField(0)! };
    }
}
