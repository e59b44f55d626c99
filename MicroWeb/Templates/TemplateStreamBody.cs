using MicroWeb.Http;

namespace MicroWeb.Templates;

/// <summary>
/// A template rendered while it is sent (Flask's <c>stream_template</c>): the render runs on a thread of its own when
/// the body is written, after the request's hooks, and its output goes to the client piece by piece through a
/// <see cref="StreamedOutput"/>. The template was loaded and the model read when the response was created, so a
/// missing template or an unreadable model fails in the handler as for <c>RenderTemplate</c>. A failure during the
/// render, before anything was sent, is a plain 500; after, the connection is reset (never a page cut short that
/// looks complete).
/// </summary>
internal sealed class TemplateStreamBody(TemplateEngine engine, TemplateRenderContext context, CompiledTemplate template,
    RequestContext? request) : ResponseBody
{
    public override long? Length => null;

    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var output = new StreamedOutput();
        // Scriban renders synchronously and a model may block (a lazy query): a thread of its own, not a pool thread.
        var render = Task.Factory.StartNew(() =>
        {
            var failed = true;
            try
            {
                engine.RenderStreamed(context, template, request, output);
                failed = false;
            }
            finally
            {
                output.Complete(failed);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await output.PumpAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The client went away or the server is stopping: the render stops at its next write, in the background.
            _ = render.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
        await render.ConfigureAwait(false); // its error, if it failed
    }
}
