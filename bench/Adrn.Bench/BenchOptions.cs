namespace Adrn.Bench;

/// <summary>What one harness run does.</summary>
public sealed record BenchOptions
{
    /// <summary>Employee (payroll) record counts, one benchmark case each.</summary>
    public IReadOnlyList<long> Records { get; init; } = [100_000];

    /// <summary>Employer counts per case (same length as <see cref="Records"/>), or null for records / 10.</summary>
    public IReadOnlyList<int>? Employers { get; init; }

    /// <summary>Thread counts of the scaling table (engine MaxDegreeOfParallelism and DuckDB <c>SET threads</c>).</summary>
    public IReadOnlyList<int> Threads { get; init; } = [1, 2];

    /// <summary>
    /// Worker counts of the process runs: <c>adrn link --workers N</c> locally and a loopback cluster of N worker
    /// node processes. Empty skips them.
    /// </summary>
    public IReadOnlyList<int> Processes { get; init; } = [1, 2];

    /// <summary>adrn.dll used for the process runs (default: the one built next to the harness).</summary>
    public string AdrnDll { get; init; } = Scaling.EngineRuns.DefaultAdrnDll;

    /// <summary>Job config (must use only SQL-expressible levels); its <c>${data}</c> is the generated data folder.</summary>
    public string ConfigPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "configs", "employee-employer-sql.json");

    /// <summary>Folder for generated data and engine outputs.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "adrn-bench");

    /// <summary>Folder the Markdown results are written to.</summary>
    public string ResultsDirectory { get; init; } = "bench/results";

    /// <summary>File name of the Markdown results, or null for one derived from the sizes.</summary>
    public string? ResultsFileName { get; init; }

    /// <summary>Whether to check pair by pair that engine and peer agree (all pairs, no probability cut).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Generator seed.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Noise profile of the generated data (<c>default</c> or <c>hand-keyed</c>, see <see cref="Adrn.Synthetic.NoiseProfiles"/>).</summary>
    public string NoiseProfile { get; init; } = Adrn.Synthetic.NoiseProfiles.DefaultName;

    /// <summary>Whether to write DuckDB's EXPLAIN ANALYZE of the peer query (largest thread count) next to the results.</summary>
    public bool Explain { get; init; }
}
