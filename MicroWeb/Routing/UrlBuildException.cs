namespace MicroWeb;

/// <summary>A URL could not be built for an endpoint; the message names the endpoint and the value.</summary>
public sealed class UrlBuildException(string endpoint, string problem)
    : Exception($"Could not build a URL for endpoint '{endpoint}': {problem}")
{
    /// <summary>The endpoint asked for.</summary>
    public string Endpoint { get; } = endpoint;
}
