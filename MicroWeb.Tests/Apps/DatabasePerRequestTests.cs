using static MicroWeb.Web;

namespace MicroWeb.Tests.Apps;

/// <summary>Flask's get_db/close_db with g: a connection opened on first use in a request, shared by everything in
/// that request, closed by a teardown hook even when the handler fails (the pattern of docs/apps.md).</summary>
public class DatabasePerRequestTests
{
    private sealed class Connection : IDisposable
    {
        public static List<Connection> Opened { get; } = [];

        public Connection() => Opened.Add(this);

        public bool Closed { get; private set; }

        public void Dispose() => Closed = true;
    }

    private static Connection Db() => G.GetOrAdd("db", () => new Connection());

    [Fact]
    public async Task One_lazy_connection_per_request_closed_at_teardown()
    {
        Connection.Opened.Clear();
        var app = new MicroWebApp { Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance };
        app.Teardown((c, e) => c.G.Pop<Connection>("db")?.Dispose());
        app.Get("/two-uses", () => ReferenceEquals(Db(), Db()) ? "same" : "different");
        app.Get("/no-use", () => "none");
        app.Get("/fails", string () => { Db(); throw new InvalidOperationException(); });
        var client = app.TestClient();

        (await client.GetAsync("/two-uses")).Text.ShouldBe("same");
        (await client.GetAsync("/no-use")).Text.ShouldBe("none");
        (await client.GetAsync("/fails")).StatusCode.ShouldBe(500);
        Connection.Opened.Count.ShouldBe(2);
        Connection.Opened.ShouldAllBe(c => c.Closed);
    }
}
