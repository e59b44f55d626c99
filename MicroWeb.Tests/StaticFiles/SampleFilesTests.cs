using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.StaticFiles;

public class SampleFilesTests
{
    [Fact]
    public async Task The_sample_serves_its_static_site_image_report_and_csv_data()
    {
        var s = SampleClient.Create();

        var index = await s.GetAsync("/static/");
        index.StatusCode.ShouldBe(200);
        index.Text.ShouldContain("<link rel=\"stylesheet\" href=\"style.css\">");
        index.Text.ShouldContain("<img src=\"python.jpg\"");
        (await s.GetAsync("/static/style.css")).StatusCode.ShouldBe(200);

        var image = await s.GetAsync("/descarga_imagen");
        image.ContentType!.Split(';')[0].ShouldBe("image/jpeg");
        System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(image.Headers["Content-Disposition"]!).FileName!.Trim('"').ShouldBe("python.jpg");
        var jpeg = image.Bytes;
        jpeg.Take(3).ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });

        var report = await s.GetAsync("/reporte/10000");
        report.ContentType!.Split(';')[0].ShouldBe("text/csv");
        report.Headers["Content-Disposition"].ShouldBe("attachment; filename=\"reporte.csv\"");
        report.Text.ShouldBe("nombre,apellido,cedula\r\nDaniel,Ortiz,10101010\r\n");

        var unknown = await s.GetAsync("/reporte/99999");
        unknown.StatusCode.ShouldBe(404);
        unknown.Text.ShouldBe("Usuario no existe");

        (await s.GetAsync("/obtener_datos")).Text.ShouldBe("{\"cedula\":\"12345\",\"nombre\":\"daniel\"}");
    }
}
