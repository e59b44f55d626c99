using System.Diagnostics;
using System.Net;
using System.Text;
using MicroWeb.Http;

namespace MicroWeb.Errors;

/// <summary>
/// The detailed page shown for an unhandled exception in debug mode only: exception chain, stack frames with
/// the source lines around them where the files are available, and the request with secrets masked.
/// </summary>
internal static class DebugErrorPage
{
    private static readonly string[] SecretHeaders = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key"];

    public static Response For(Exception error, RequestContext context)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=en>\n<head><meta charset=utf-8><title>")
            .Append(E(error.GetType().Name)).Append(" // MicroWeb debugger</title>\n<style>")
            .Append("body{font-family:sans-serif;margin:2em;color:#222}h1{color:#a00}pre{background:#f4f4f4;padding:.6em;overflow:auto}")
            .Append(".frame{margin:1em 0;border-left:3px solid #ccc;padding-left:1em}.here{background:#ffd}.muted{color:#777}")
            .Append("table{border-collapse:collapse}td{border:1px solid #ddd;padding:.2em .5em;font-family:monospace}</style></head><body>\n")
            .Append("<p class=muted>Debug mode is on: this page shows internals. Never enable it on a public network.</p>\n");

        var level = 0;
        for (var e = error; e is not null; e = e.InnerException, level++)
        {
            html.Append(level == 0 ? "<h1>" : "<h2>Caused by: ").Append(E(e.GetType().FullName ?? e.GetType().Name))
                .Append(level == 0 ? "</h1>\n" : "</h2>\n")
                .Append("<pre>").Append(E(e.Message)).Append("</pre>\n");
            AppendFrames(html, e);
        }

        var request = context.Request;
        html.Append("<h2>Request</h2>\n<p><code>").Append(E(request.Method)).Append(' ').Append(E(request.Url)).Append("</code> (request id ")
            .Append(E(context.RequestId)).Append(")</p>\n<table>");
        foreach (var (name, value) in request.Headers)
        {
            var shown = SecretHeaders.Any(s => s.Equals(name, StringComparison.OrdinalIgnoreCase)) ? "******** (masked)" : value;
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(shown)).Append("</td></tr>");
        }
        html.Append("</table>\n</body></html>\n");
        return new Response(html.ToString(), 500);
    }

    private static void AppendFrames(StringBuilder html, Exception error)
    {
        var frames = new StackTrace(error, fNeedFileInfo: true).GetFrames();
        if (frames.Length == 0) return;
        html.Append("<h3>Traceback (most recent call first)</h3>\n");
        foreach (var frame in frames)
        {
            var method = DiagnosticMethodInfo.Create(frame); // survives trimming, unlike StackFrame.GetMethod
            var name = method is null ? "?" : $"{method.DeclaringTypeName}.{method.Name}";
            var file = frame.GetFileName();
            var line = frame.GetFileLineNumber();
            html.Append("<div class=frame><code>").Append(E(name)).Append("</code>");
            if (file is not null) html.Append("<br><span class=muted>File ").Append(E(file)).Append(", line ").Append(line).Append("</span>");
            if (file is not null && line > 0 && File.Exists(file))
            {
                var lines = File.ReadAllLines(file);
                html.Append("<pre>");
                for (var i = Math.Max(1, line - 3); i <= Math.Min(lines.Length, line + 3); i++)
                    html.Append(i == line ? "<span class=here>" : "").Append(i.ToString().PadLeft(5)).Append("  ").Append(E(lines[i - 1]))
                        .Append(i == line ? "</span>" : "").Append('\n');
                html.Append("</pre>");
            }
            html.Append("</div>\n");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
