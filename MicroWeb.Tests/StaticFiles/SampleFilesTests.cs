using System.Net;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.StaticFiles;

public class SampleFilesTests
{
    [Fact]
    public async Task The_sample_serves_its_static_site_image_report_and_csv_data()
    {
        await using var s = await LiveServer.StartSampleAsync();

        var index = await s.GetAsync("/static/");
        index.Status.ShouldBe(HttpStatusCode.OK);
        index.Body.ShouldContain("<link rel=\"stylesheet\" href=\"style.css\">");
        index.Body.ShouldContain("<img src=\"python.jpg\"");
        (await s.GetAsync("/static/style.css")).Status.ShouldBe(HttpStatusCode.OK);

        var image = await s.Client.GetAsync("/descarga_imagen");
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        image.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("python.jpg");
        var jpeg = await image.Content.ReadAsByteArrayAsync();
        jpeg.Take(3).ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });

        var report = await s.Client.GetAsync("/reporte/10000");
        report.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        report.Content.Headers.ContentDisposition!.ToString().ShouldBe("attachment; filename=\"reporte.csv\"");
        (await report.Content.ReadAsStringAsync()).ShouldBe("nombre,apellido,cedula\r\nDaniel,Ortiz,10101010\r\n");

        var unknown = await s.GetAsync("/reporte/99999");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        unknown.Body.ShouldBe("Usuario no existe");

        (await s.GetAsync("/obtener_datos")).Body.ShouldBe("{\"cedula\":\"12345\",\"nombre\":\"daniel\"}");
    }
}
