using System.Reflection;

namespace MicroWeb.Configuration;

/// <summary>
/// Where an app's templates/ and static/ are looked for when no content root is set, as Flask's <c>root_path</c>:
/// the project's folder in a development build (recorded in the entry assembly by the package's MSBuild file, so
/// <c>dotnet run</c> serves the files being edited), otherwise the folder the app runs from (a published app, to
/// which the same MSBuild file copies the folders). Never the current directory: a service started from <c>/</c>
/// finds its files all the same.
/// </summary>
internal static class DefaultContentRoot
{
    /// <summary>The name of the assembly metadata written by <c>build/MicroWeb.targets</c>.</summary>
    public const string MetadataKey = "MicroWeb.ContentRoot";

    private static readonly Lazy<string> Value = new(() => For(Assembly.GetEntryAssembly()));

    /// <summary>The default for this process.</summary>
    public static string Path => Value.Value;

    /// <summary>The default for an app whose entry assembly is <paramref name="entry"/>.</summary>
    public static string For(Assembly? entry)
    {
        var recorded = entry?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value;
        return recorded is { Length: > 0 } && Directory.Exists(recorded) ? recorded : AppContext.BaseDirectory;
    }
}
