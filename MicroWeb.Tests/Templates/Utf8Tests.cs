using System.Text;
using MicroWeb.Templates;

namespace MicroWeb.Tests.Templates;

/// <summary>A rendered page goes to the response as UTF-8 straight from Scriban's output, never as a string first.</summary>
public sealed class Utf8Tests
{
    [Fact]
    public void Text_spread_over_several_chunks_encodes_as_its_string_would_even_with_a_character_split_between_two()
    {
        var text = new StringBuilder(4);
        text.Append("abc\uD83D"); // fills the first chunk with the first half of 😀
        text.Append("\uDE00 señor ").Append('x', 100);
        var chunks = 0;
        foreach (var _ in text.GetChunks()) chunks++;
        chunks.ShouldBeGreaterThan(1);

        Utf8.Encode(text).ShouldBe(Encoding.UTF8.GetBytes(text.ToString()));
        Utf8.Encode(new StringBuilder("¡Hola, 世界!")).ShouldBe(Encoding.UTF8.GetBytes("¡Hola, 世界!"));
        Utf8.Encode(new StringBuilder()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)] // a small page
    [InlineData(3_000)] // far larger than a fresh output buffer
    public void A_rendered_response_holds_the_same_text_as_the_rendered_string_through_a_layout_and_at_any_size(int n)
    {
        using var site = new TemplateSite(
            ("base.html", "<main>{{ content }}</main> — fin"),
            ("pagina.html", "{{ extends 'base.html' }}{{ for i in 1..n }}ñandú {{ nombre }} 😀 {{ end }}"));
        var app = site.CreateApp();
        var model = new { n, nombre = "<José>" };
        var response = app.RenderTemplate("pagina.html", model);

        var expected = app.Templates.Render("pagina.html", model);
        expected.ShouldContain("ñandú &lt;José&gt; 😀");
        response.BodyText.ShouldBe(expected);
        response.ContentType.ShouldBe(Response.HtmlType);
    }
}
