namespace MicroWeb.Tests.Support;

/// <summary>Tests that measure the whole process (allocations, file handles) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide measurements)";
}
