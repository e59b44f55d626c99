using MicroWeb.StaticFiles;

namespace MicroWeb.Tests.StaticFiles;

/// <summary>The path check itself, on a real folder with symbolic links: what stays inside the root is served, nothing else.</summary>
public sealed class SafePathTests : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "microweb-safepath-" + Guid.NewGuid().ToString("N"));
    private readonly string _root;

    public SafePathTests()
    {
        _root = Path.Combine(_base, "static");
        Directory.CreateDirectory(Path.Combine(_root, "css", "real"));
        Directory.CreateDirectory(Path.Combine(_base, "outside"));
        File.WriteAllText(Path.Combine(_root, "css", "real", "site.css"), "body{}");
        File.WriteAllText(Path.Combine(_base, "outside", "secret.txt"), "secret");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private string Link(string name, string target)
    {
        var path = Path.Combine(_root, name);
        if (Directory.Exists(Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(path)!, target)))
            Directory.CreateSymbolicLink(path, target);
        else
            File.CreateSymbolicLink(path, target);
        return path;
    }

    [Fact]
    public void Plain_files_and_folders_resolve_below_the_root()
    {
        SafePath.Resolve(_root, "css/real/site.css").ShouldBe(Path.Combine(_root, "css", "real", "site.css"));
        SafePath.Resolve(_root, "css/").ShouldBe(Path.Combine(_root, "css") + "/");
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("css/../../outside/secret.txt")]
    [InlineData("./css/real/site.css")]
    [InlineData("/etc/passwd")]
    [InlineData("css//real/site.css")]
    [InlineData("css\\real\\site.css")]
    [InlineData(".hidden")]
    [InlineData("c:/windows")]
    [InlineData("css/real/site.css\0.png")]
    public void Traversal_hidden_names_and_odd_characters_are_refused(string relative) =>
        SafePath.Resolve(_root, relative).ShouldBeNull();

    [Fact]
    public void Links_that_stay_inside_the_root_are_followed()
    {
        Link("assets", Path.Combine(_root, "css", "real"));
        Link("alias.css", "css/real/site.css"); // relative target

        SafePath.Resolve(_root, "assets/site.css").ShouldNotBeNull();
        SafePath.Resolve(_root, "alias.css").ShouldNotBeNull();
    }

    [Fact]
    public void Links_that_lead_outside_directly_relatively_or_through_a_chain_are_refused()
    {
        Link("direct.txt", Path.Combine(_base, "outside", "secret.txt"));
        Link("relative.txt", "../outside/secret.txt");
        Link("dir", Path.Combine(_base, "outside"));
        Link("chain.txt", Path.Combine(_root, "direct.txt"));
        Link("via", Path.Combine(_root, "dir")); // a link to a link to a folder outside

        SafePath.Resolve(_root, "direct.txt").ShouldBeNull();
        SafePath.Resolve(_root, "relative.txt").ShouldBeNull();
        SafePath.Resolve(_root, "dir/secret.txt").ShouldBeNull();
        SafePath.Resolve(_root, "chain.txt").ShouldBeNull();
        SafePath.Resolve(_root, "via/secret.txt").ShouldBeNull();
    }

    [Fact]
    public void Broken_and_looping_links_are_refused()
    {
        Link("broken.txt", Path.Combine(_root, "missing.txt"));
        Link("loop-a", Path.Combine(_root, "loop-b"));
        Link("loop-b", Path.Combine(_root, "loop-a"));

        SafePath.Resolve(_root, "broken.txt").ShouldBeNull();
        SafePath.Resolve(_root, "loop-a").ShouldBeNull();
    }

    [Fact]
    public void A_root_that_is_itself_a_link_serves_its_own_files()
    {
        var linkedRoot = Path.Combine(_base, "public");
        Directory.CreateSymbolicLink(linkedRoot, _root);

        SafePath.Resolve(linkedRoot, "css/real/site.css").ShouldBe(Path.Combine(linkedRoot, "css", "real", "site.css"));
        SafePath.Resolve(linkedRoot, "../outside/secret.txt").ShouldBeNull();
    }
}
