using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process (no generated project to build), short runs: enough to see flatness and allocations on a shared
// two-core machine. Pass BenchmarkDotNet's usual arguments, e.g. --filter '*RouteMatch*'.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(RouterBench.RouteMatchBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
