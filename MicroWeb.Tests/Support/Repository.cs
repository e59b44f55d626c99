namespace MicroWeb.Tests.Support;

/// <summary>The repository the tests were built from (the folder holding MicroWeb.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MicroWeb.sln"))) return dir.FullName;
        throw new InvalidOperationException("MicroWeb.sln not found above " + AppContext.BaseDirectory);
    }
}
