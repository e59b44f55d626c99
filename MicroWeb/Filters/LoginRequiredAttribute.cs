using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// Flask's <c>login_required</c>: lets the request through when someone is logged in, that is when <c>g.user</c>
/// (<c>c.G["user"]</c>, set by the app's before-request hook) is not null; otherwise redirects to the login page,
/// the endpoint <see cref="LoginEndpoint"/> or else <see cref="MicroWebApp.LoginView"/>, or answers 401 when neither is set.
/// </summary>
public sealed class LoginRequiredAttribute : ViewFilterAttribute
{
    /// <summary>The name under which the logged-in user is kept in <c>g</c>.</summary>
    public const string UserKey = "user";

    /// <summary>The login page's endpoint for this route; <see cref="MicroWebApp.LoginView"/> when null.</summary>
    public string? LoginEndpoint { get; init; }

    /// <inheritdoc />
    public override Response? Before(RequestContext context)
    {
        if (context.G[UserKey] is not null) return null;
        var endpoint = LoginEndpoint ?? context.App.LoginView;
        return endpoint is null ? throw new HttpException(401) : Responses.Redirect(context.App.UrlFor(endpoint));
    }
}
