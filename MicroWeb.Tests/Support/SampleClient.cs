namespace MicroWeb.Tests.Support;

/// <summary>
/// The sample's app, built as <c>dotnet run --project MicroWeb.Sample</c> builds it (routes, flags, MICROWEB_*
/// variables), behind the in-memory test client: for the sample's pipeline behaviour, no socket needed.
/// </summary>
internal static class SampleClient
{
    /// <summary>A test client on a fresh sample app, with the given command-line arguments.</summary>
    public static TestClient Create(params string[] args) => MicroWeb.Sample.SampleApp.Create(args).App.TestClient();
}
