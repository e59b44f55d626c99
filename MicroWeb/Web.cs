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
        Context.App.UrlFor(endpoint, values, external ? Context.Request : null);

    /// <summary>A redirect response (302 by default). The target is percent-encoded where needed, so user data cannot break the header.</summary>
    public static Response Redirect(string location, int code = 302) => Responses.Redirect(location, code);

    /// <summary>Stops the handler with an HTTP error status (Flask's <c>abort</c>).</summary>
    public static Exception Abort(int code, string? description = null) => throw new HttpException(code, description);

    /// <summary>A JSON response (Flask's <c>jsonify</c>).</summary>
    public static Response Jsonify(object? value, int status = 200) => Response.Json(value, status, Context.App.JsonOptions);
}
