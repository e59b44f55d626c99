using Microsoft.Data.Sqlite;
using MicroWeb;
using static MicroWeb.Web;

namespace Flaskr;

/// <summary>A registered user.</summary>
public sealed record User(long Id, string Username, string Password);

/// <summary>Registering, logging in and out; loads the logged-in user into <c>g.user</c> for every request.</summary>
public static class Auth
{
    /// <summary>The auth blueprint, under /auth.</summary>
    public static Blueprint Blueprint()
    {
        var bp = new Blueprint("auth", "/auth").AddRoutes(typeof(Auth));
        bp.AppHooks.BeforeRequest(c =>
        {
            var id = c.Session.Get<long?>("user_id");
            c.G["user"] = id is null ? null : Db.QueryOne<User>("SELECT * FROM user WHERE id = $id", new { id });
            return null;
        });
        return bp;
    }

    [Route("/register", Methods = ["GET", "POST"])]
    private static Response Register(Request request)
    {
        if (request.Method == "POST")
        {
            var (username, password) = (request.Form["username"], request.Form["password"]);
            string? error = null;
            if (string.IsNullOrEmpty(username)) error = "Username is required.";
            else if (string.IsNullOrEmpty(password)) error = "Password is required.";
            if (error is null)
            {
                try
                {
                    Db.Execute("INSERT INTO user (username, password) VALUES ($username, $password)",
                        new { username, password = PasswordHash.Generate(password!) });
                    return Redirect(UrlFor("auth.Login"));
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19) // the username is taken (UNIQUE)
                {
                    error = $"User {username} is already registered.";
                }
            }
            Flash(error);
        }
        return RenderTemplate("auth/register.html");
    }

    [Route("/login", Methods = ["GET", "POST"])]
    private static Response Login(Request request)
    {
        if (request.Method == "POST")
        {
            var (username, password) = (request.Form["username"], request.Form["password"] ?? "");
            var user = Db.QueryOne<User>("SELECT * FROM user WHERE username = $username", new { username });
            string? error = null;
            if (user is null) error = "Incorrect username.";
            else if (!PasswordHash.Check(user.Password, password)) error = "Incorrect password.";
            if (error is null)
            {
                Web.Session.Clear();
                Web.Session.Set("user_id", user!.Id);
                return Redirect(UrlFor("index"));
            }
            Flash(error);
        }
        return RenderTemplate("auth/login.html");
    }

    [Route("/logout")]
    private static Response Logout()
    {
        Web.Session.Clear();
        return Redirect(UrlFor("index"));
    }
}
