using System.Data;
using Microsoft.Data.Sqlite;
using MicroWeb;

namespace Flaskr.Tests;

public class DbTests : FlaskrTest
{
    [Fact]
    public async Task A_request_has_one_connection_closed_when_it_ends()
    {
        SqliteConnection? seen = null;
        App.Get("/db", () => ReferenceEquals(seen = Db.Get(), Db.Get()) ? "same" : "different");
        (await Client.GetAsync("/db")).Text.ShouldBe("same");
        seen!.State.ShouldBe(ConnectionState.Closed);
    }

    [Fact]
    public void The_init_db_command_clears_the_data()
    {
        var output = new StringWriter();
        App.RunCommand(["init-db"], output).ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("Initialized");
        Execute("SELECT COUNT(*) FROM user").ShouldBe(0L);
    }
}
