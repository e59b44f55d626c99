using System.Diagnostics.CodeAnalysis;
using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// Flask's helpers for handler code: <c>using static MicroWeb.Web;</c> then <c>Redirect(UrlFor("Index"))</c>,
/// <c>Abort(404)</c>. They use the request being handled (<see cref="RequestContext.Current"/>).
/// </summary>
public static partial class Web
{
    /// <summary>The current request context; throws outside a request.</summary>
    public static RequestContext Context =>
        RequestContext.Current ?? throw new InvalidOperationException("This helper works only while a request is being handled.");

    /// <summary>The request being handled (Flask's <c>request</c>).</summary>
    public static Request Request => Context.Request;

    /// <summary>The signed-cookie session of the current request (Flask's <c>session</c>).</summary>
    public static Session Session => Context.Session;

    /// <summary>Builds the URL of an endpoint: <c>UrlFor("HolaInvitado", new { invitado = "ana" })</c>.</summary>
    public static string UrlFor(string endpoint, object? values = null, bool external = false) =>
        Context.App.UrlFor(endpoint, values, external ? Context.Request : null, external);

    /// <summary>A redirect response (302 by default). The target is percent-encoded where needed, so user data cannot
    /// break the header; <c>javascript:</c> and <c>data:</c> URLs are refused. For a target from the user, use <see cref="LocalRedirect"/>.</summary>
    public static Response Redirect(string location, int code = 302) => Responses.Redirect(location, code);

    /// <summary>Redirects to <paramref name="location"/> when it is a path on this site, else to
    /// <paramref name="fallback"/>: use it for any target taken from the request (<c>?next=</c>).</summary>
    public static Response LocalRedirect(string? location, string fallback = "/", int code = 302) => Responses.LocalRedirect(location, fallback, code);

    /// <summary>True when <paramref name="url"/> is a path on this site (not <c>//host</c>, <c>https://...</c>, <c>javascript:</c>).</summary>
    public static bool IsLocalUrl(string? url) => Responses.IsLocalUrl(url);

    /// <summary>Stops the handler with an HTTP error status (Flask's <c>abort</c>): 4xx or 5xx. It always throws, so
    /// <c>Abort(404);</c> is a whole statement; it is typed as returning an exception so that expressions can end
    /// with it too: <c>Find(id) ?? throw Abort(404)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A status under 400: a redirect needs a Location, so return
    /// <c>Redirect(url)</c> or stop with <c>Abort(Redirect(url))</c>.</exception>
    [DoesNotReturn]
    public static Exception Abort(int code, string? description = null) => code < 400
        ? throw new ArgumentOutOfRangeException(nameof(code), code, $"Abort({code}): Abort takes an error status (4xx or 5xx). To redirect, return Redirect(url), or stop with Abort(Redirect(url)).")
        : throw new HttpException(code, description);

    /// <summary>Stops the handler and sends <paramref name="response"/> as it is (Flask's <c>abort(redirect(...))</c>):
    /// <c>Abort(Redirect(UrlFor("auth.Login")))</c> from a helper called by the handler. After-request hooks still run.</summary>
    [DoesNotReturn]
    public static Exception Abort(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        throw new HttpException(response.StatusCode) { Response = response };
    }

    /// <summary>Values of the current request (Flask's <c>g</c>), <c>g</c> in templates: <c>G["user"]</c>.</summary>
    public static RequestGlobals G => Context.G;

    /// <summary>Stores a message for the next page rendered (Flask's <c>flash</c>); needs the app's secret key.
    /// Templates show them with <c>get_flashed_messages</c>.</summary>
    public static void Flash(string message, string category = "message") => Flashing.FlashMessages.Add(Context, message, category);

    /// <summary>The flashed messages, taken out of the session (Flask's <c>get_flashed_messages()</c>); only those of
    /// <paramref name="categories"/> when some are given.</summary>
    public static IReadOnlyList<string> GetFlashedMessages(params string[] categories) =>
        Flashing.FlashMessages.Take(Context, categories).Select(f => f.Message).ToArray();

    /// <summary>The flashed messages with their categories (Flask's <c>get_flashed_messages(with_categories=True)</c>).</summary>
    public static IReadOnlyList<FlashMessage> GetFlashedMessagesWithCategories(params string[] categories) =>
        Flashing.FlashMessages.Take(Context, categories);

    /// <summary>A JSON response (Flask's <c>jsonify</c>).</summary>
    public static Response Jsonify(object? value, int status = 200) => Response.Json(value, status, Context.App.JsonOptions);
}
