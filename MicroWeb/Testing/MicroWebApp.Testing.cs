
namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>A client that calls the app in memory, without a socket (Flask's <c>app.test_client()</c>).</summary>
    public TestClient TestClient(bool followRedirects = false) => new(this) { FollowRedirects = followRedirects };
}
