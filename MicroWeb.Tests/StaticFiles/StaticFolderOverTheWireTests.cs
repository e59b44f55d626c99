using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.StaticFiles;

/// <summary>The static folder over a real socket: raw request targets, as HttpListener parses them, never leave the folder.</summary>
public class StaticFolderOverTheWireTests
{
    [Theory]
    [MemberData(nameof(StaticFolderTests.WaysOut), MemberType = typeof(StaticFolderTests))]
    public async Task Nothing_outside_the_folder_is_served_to_raw_targets_on_the_wire(string target)
    {
        // HttpListener parses the raw request line itself (it may answer 400 before the app): the same ways out,
        // sent byte for byte, must not leak either.
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var response = await RawHttp.SendAsync(s.Port, $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.Status(response).ShouldBeOneOf(400, 404, 308);
        if (RawHttp.Status(response) == 308) response.ShouldContain("\r\nLocation: /static/etc/passwd\r\n");
        response.ShouldNotContain("TOP SECRET");
        response.ShouldNotContain("SECRET=hidden");
        response.ShouldNotContain("root:");
    }
}

/// <summary>A big static file over a real socket: sent in pieces, never held in memory.</summary>
[Collection(SerialCollection.Name)]
public class LargeFileTests
{
    [Fact]
    public async Task A_large_file_is_streamed_with_flat_memory()
    {
        using var site = new StaticSite();
        var big = Path.Combine(site.Static, "big.bin");
        const long size = 256L * 1024 * 1024;
        using (var f = File.Create(big)) f.SetLength(size); // sparse: instant to create
        await using var s = await LiveServer.StartAsync(site.CreateApp());

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await s.Client.GetAsync("/static/big.bin", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentLength.ShouldBe(size);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0) total += n;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        total.ShouldBe(size);
        // Server and client together allocate a small fraction of the file: it is never held in memory.
        allocated.ShouldBeLessThan(32L * 1024 * 1024);
    }
}
