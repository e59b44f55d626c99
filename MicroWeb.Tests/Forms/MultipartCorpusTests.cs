using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MicroWeb.Http;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Forms;

/// <summary>Real browser multipart bodies (see Forms/MultipartCorpus/README.md), parsed field by field and file by file.</summary>
public class MultipartCorpusTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Forms", "MultipartCorpus");

    public sealed record FileSeen(string Field, string Name, string Type, long Length, string Sha256);

    public sealed record FormSeen(List<string[]> Fields, List<FileSeen> Files);

    private static async Task<FormSeen> Post(string capture)
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Post("/echo", async (Request request) =>
        {
            var form = await request.ReadFormAsync();
            var files = new List<FileSeen>();
            foreach (var file in await request.ReadFilesAsync())
            {
                await using var content = file.OpenReadStream();
                files.Add(new FileSeen(file.FieldName, file.FileName, file.ContentType, file.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(content))));
            }
            return new FormSeen(form.Select(kv => new[] { kv.Key, kv.Value }).ToList(), files);
        });
        var body = await File.ReadAllBytesAsync(Path.Combine(Corpus, capture, "request.http"));
        var contentType = (await File.ReadAllTextAsync(Path.Combine(Corpus, capture, "content-type.txt"))).Trim();
        var response = await app.TestClient().SendAsync("POST", "/echo", body, contentType);
        response.StatusCode.ShouldBe(200, response.Text);
        return (await response.ReadJsonAsync<FormSeen>())!;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    private static byte[] Image(string name) => File.ReadAllBytes(Path.Combine(Corpus, name));

    [Theory]
    [InlineData("chromium-2png1txt", "example text")]
    [InlineData("ie6-2png1txt", "ie6 sucks :-/")]
    [InlineData("firefox3-2pnglongtext", "--long text\r\n--with boundary\r\n--lookalikes--")]
    [InlineData("opera8-2png1txt", "blafasel öäü")]
    public async Task Two_images_and_a_text_field(string capture, string text)
    {
        var seen = await Post(capture);
        seen.Fields.ShouldBe([["text", text]]);
        seen.Files.Count.ShouldBe(2);
        var type = capture.StartsWith("ie6", StringComparison.Ordinal) ? "image/x-png" : "image/png";
        seen.Files.ShouldBe(
        [
            new FileSeen("file1", "red.png", type, Image("red.png").Length, Hash(Image("red.png"))),
            new FileSeen("file2", "green.png", type, Image("green.png").Length, Hash(Image("green.png"))),
        ]);
    }

    [Fact]
    public async Task A_text_field_holding_boundary_look_alikes_is_kept_whole()
    {
        var seen = await Post("chromium-pnglongtext");
        seen.Fields.ShouldBe([["text", "long text\r\n--with boundary\r\n--lookalikes--"]]);
        seen.Files.Single().Name.ShouldBe("red.png");
    }

    [Fact]
    public async Task Odd_file_names_arrive_as_the_browser_wrote_them()
    {
        var seen = await Post("chromium-odd-names");
        seen.Files.Select(f => (f.Field, f.Name, f.Sha256)).ShouldBe(
        [
            ("semicolon", "a;b.txt", Hash("a;b")),
            ("euro", "€.txt", Hash("€")),
            ("quote", "say %22hi%22.txt", Hash("q")),
            ("newline", "two%0Alines.txt", Hash("n")),
        ]);
        seen.Files.ShouldAllBe(f => f.Type == "text/plain");
        seen.Fields.ShouldBe([["campo ñ", "valor áéí"]]);
    }

    [Fact]
    public async Task A_form_submitted_with_an_empty_file_input()
    {
        var seen = await Post("chromium-form-empty-file");
        seen.Fields.ShouldBe([["title", "Mañana"], ["notes", "line one\r\nline two"]]);
        seen.Files.ShouldBe([new FileSeen("attachment", "", "application/octet-stream", 0, Hash(""))]);
    }

    [Fact]
    public async Task Internet_Explorer_full_paths_keep_only_the_file_name()
    {
        var seen = await Post("ie7-full-path");
        seen.Fields.ShouldBe([["title", "Minutes"]]);
        seen.Files.Single().Name.ShouldBe("Council Meeting 02-22-2010.doc");
        seen.Files.Single().Type.ShouldBe("application/msword");
    }

    [Fact]
    public async Task Preamble_padding_epilogue_a_quoted_boundary_and_filename_star()
    {
        var seen = await Post("rfc-corners");
        seen.Files.ShouldBe([new FileSeen("doc", "€ rates.txt", "text/plain; charset=utf-8", 16, Hash("1 EUR = 1.05 USD"))]);
        seen.Fields.ShouldBe([["note", "plain field"]]);
    }
}
