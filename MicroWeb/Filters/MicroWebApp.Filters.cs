namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>
    /// The endpoint of the login page, where <see cref="LoginRequiredAttribute"/> sends visitors who are not logged in
    /// (Flask-Login's <c>login_view</c>): <c>app.LoginView = "auth.Login"</c>. When null, they get 401.
    /// </summary>
    public string? LoginView { get; set; }
}
