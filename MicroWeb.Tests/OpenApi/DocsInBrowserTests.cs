using System.Text.Json.Nodes;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.OpenApi;

/// <summary>
/// The explorer in a real browser: headless Chromium opens the sample's /docs, sees the fruit operations,
/// and runs GET /datos/frutas with "Try it out" / "Execute", as a person would.
/// </summary>
public class DocsInBrowserTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // Waits in the page for a condition, woken by DOM changes (no polling from the test), up to a deadline.
    private const string WaitFor = """
        const waitFor = (find, what, ms = 20000) => new Promise((resolve, reject) => {
          const now = find();
          if (now) return resolve(now);
          const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out waiting for ' + what)); }, ms);
          const observer = new MutationObserver(() => {
            const found = find();
            if (found) { observer.disconnect(); clearTimeout(timer); resolve(found); }
          });
          observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
        });
        """;

    [Fact]
    public async Task Docs_lists_the_operations_and_runs_one()
    {
        // `dotnet test` must pass on a machine with only the .NET SDK; CI (CI=true) installs Chromium and insists.
        if (HeadlessChromium.Executable is null && Environment.GetEnvironmentVariable("CI") is not ("true" or "1"))
        {
            output.WriteLine("Chromium is not installed: the browser test of /docs did not run (apt-get install -y chromium to run it).");
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(55));
        await using var server = await LiveServer.StartSampleAsync();
        await using var browser = await HeadlessChromium.StartAsync(timeout.Token);

        // Every Content-Security-Policy violation on the page is kept, to show that /docs's policy fits Swagger UI.
        await browser.SendAsync("Page.addScriptToEvaluateOnNewDocument", new JsonObject
        {
            ["source"] = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
        }, timeout.Token);
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/docs"), timeout.Token);

        var operations = await browser.EvaluateAsync($$"""
            (async () => {
              {{WaitFor}}
              await waitFor(() => document.querySelector('#operations-Datos-ListarFrutas'), 'the fruit operations');
              return [...document.querySelectorAll('.opblock')].map(o =>
                o.querySelector('.opblock-summary-method').textContent + ' ' + o.querySelector('.opblock-summary-path').getAttribute('data-path'));
            })()
            """, timeout.Token);
        var listed = operations!.AsArray().Select(o => o!.GetValue<string>()).ToArray();
        listed.ShouldContain("GET /datos/frutas");
        listed.ShouldContain("POST /datos/crear_fruta");
        listed.ShouldContain("GET /datos/frutas/{nombre}");
        listed.ShouldContain("PUT /datos/frutas/{nombre}");
        listed.ShouldContain("DELETE /datos/frutas/{nombre}");
        var title = await browser.EvaluateAsync("document.querySelector('.info .title').textContent", timeout.Token);
        title!.GetValue<string>().ShouldStartWith("MicroWeb sample");

        var run = await browser.EvaluateAsync($$"""
            (async () => {
              {{WaitFor}}
              const block = document.querySelector('#operations-Datos-ListarFrutas');
              block.querySelector('.opblock-summary-control').click();
              (await waitFor(() => block.querySelector('.try-out__btn'), '"Try it out"')).click();
              (await waitFor(() => block.querySelector('.execute'), '"Execute"')).click();
              const table = await waitFor(() => {
                const t = block.querySelector('.live-responses-table');
                return t && t.querySelector('tbody .response-col_status') && t.textContent.includes('manzana') ? t : null;
              }, 'the live response');
              return {
                status: table.querySelector('tbody .response-col_status').textContent.trim(),
                body: table.querySelector('tbody .response-col_description').textContent,
                url: block.querySelector('.request-url pre')?.textContent ?? ''
              };
            })()
            """, timeout.Token);
        var result = run!.AsObject();
        result["status"]!.GetValue<string>().ShouldBe("200");
        result["body"]!.GetValue<string>().ShouldContain("\"nombre\": \"manzana\"");
        result["url"]!.GetValue<string>().ShouldBe(new Uri(server.BaseAddress, "/datos/frutas").ToString());
        var violations = await browser.EvaluateAsync("JSON.stringify(window.__csp)", timeout.Token);
        violations!.GetValue<string>().ShouldBe("[]");
    }
}
