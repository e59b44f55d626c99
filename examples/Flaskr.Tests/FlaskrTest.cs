using Microsoft.Data.Sqlite;
using MicroWeb;

namespace Flaskr.Tests;

/// <summary>Each test gets an app on a fresh database of its own, with the test data, and a client.</summary>
public abstract class FlaskrTest : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"flaskr-{Guid.NewGuid():N}.sqlite");

    protected FlaskrTest()
    {
        App = FlaskrApp.Create(new { TESTING = true, DATABASE = _database });
        App.RunCommand(["init-db"], TextWriter.Null).ShouldBe(0);
        Execute(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data.sql")));
        Client = App.TestClient();
    }

    protected MicroWebApp App { get; }

    protected TestClient Client { get; }

    protected Task<TestResponse> Login(string username = "test", string password = "test") =>
        Client.PostFormAsync("/auth/login", new { username, password });

    protected Task<TestResponse> Logout() => Client.GetAsync("/auth/logout");

    protected object? Execute(string sql)
    {
        using var db = Db.Open(App);
        return new SqliteCommand(sql, db).ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
