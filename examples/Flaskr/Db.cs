using Microsoft.Data.Sqlite;
using MicroWeb;
using static MicroWeb.Web;

namespace Flaskr;

/// <summary>The database: one connection per request, opened on first use and closed when the request ends.</summary>
public static class Db
{
    /// <summary>The request's connection (Flask's <c>get_db</c>).</summary>
    public static SqliteConnection Get() => G.GetOrAdd("db", () => Open(Context.App));

    /// <summary>A new connection to the configured database.</summary>
    public static SqliteConnection Open(MicroWebApp app)
    {
        var db = new SqliteConnection($"Data Source={app.Config["DATABASE"]}");
        db.Open();
        return db;
    }

    /// <summary>Clears the existing data and creates new tables.</summary>
    public static void Init(SqliteConnection db) => Execute(db, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema.sql")));

    /// <summary>Closes the connection at teardown and adds the <c>init-db</c> command.</summary>
    public static void InitApp(MicroWebApp app)
    {
        app.Teardown((c, _) => c.G.Pop<SqliteConnection>("db")?.Dispose());
        app.Command("init-db", (TextWriter output) =>
        {
            using var db = Open(app);
            Init(db);
            output.WriteLine("Initialized the database.");
        }, "Clear the existing data and create new tables.");
    }

    /// <summary>Runs a statement with <c>$name</c> parameters taken from <paramref name="args"/>' properties.</summary>
    public static int Execute(string sql, object? args = null) => Execute(Get(), sql, args);

    /// <summary>The rows of a query as <typeparamref name="T"/>, its constructor's parameters matched to columns by name
    /// (<c>AuthorId</c> reads <c>author_id</c>).</summary>
    public static List<T> Query<T>(string sql, object? args = null)
    {
        using var reader = Command(Get(), sql, args).ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).ToDictionary(i => reader.GetName(i).Replace("_", ""), StringComparer.OrdinalIgnoreCase);
        var constructor = typeof(T).GetConstructors().Single();
        var columns = constructor.GetParameters().Select(p => names[p.Name!]).ToArray();
        var types = constructor.GetParameters().Select(p => p.ParameterType).ToArray();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add((T)constructor.Invoke(columns.Select((c, i) => Convert.ChangeType(reader.GetValue(c), types[i])).ToArray()));
        return rows;
    }

    /// <summary>The first row of a query, or null.</summary>
    public static T? QueryOne<T>(string sql, object? args = null) where T : class => Query<T>(sql, args).FirstOrDefault();

    private static int Execute(SqliteConnection db, string sql, object? args = null) => Command(db, sql, args).ExecuteNonQuery();

    private static SqliteCommand Command(SqliteConnection db, string sql, object? args)
    {
        var command = new SqliteCommand(sql, db);
        foreach (var p in args?.GetType().GetProperties() ?? []) command.Parameters.AddWithValue("$" + p.Name, p.GetValue(args) ?? DBNull.Value);
        return command;
    }
}
