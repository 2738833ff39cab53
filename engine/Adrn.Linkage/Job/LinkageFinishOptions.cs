using Adrn.Linkage.Configuration;

namespace Adrn.Linkage;

/// <summary>What the finish stage (<see cref="LinkagePipeline.Finish"/>) needs beyond the plan, the model and the scored runs.</summary>
public sealed record LinkageFinishOptions
{
    /// <summary>The job's claim on its output folder: outputs are staged there and published together.</summary>
    public required Output.OutputFolder Folder { get; init; }

    /// <summary>The run's match probability threshold.</summary>
    public required double Threshold { get; init; }

    /// <summary>Output formats besides Arrow (which is always written), or null for the job's <c>outputs.formats</c>.</summary>
    public IReadOnlyList<SourceFormat>? Formats { get; init; }

    /// <summary>A truth pairs file (overrides the job's <c>truth.pairs</c>), or null.</summary>
    public string? TruthPairsPath { get; init; }

    /// <summary>The engine's job id (null in process).</summary>
    public string? JobId { get; init; }

    /// <summary>Hash of the job file and its inputs (null in process).</summary>
    public string? ConfigHash { get; init; }

    /// <summary>The scorer that scored the runs.</summary>
    public PairScorerKind Scorer { get; init; } = PairScorerKind.FellegiSunter;

    /// <summary>Files the scorer wrote (by output name), listed among the run's files.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ScorerFiles { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Seconds of the stages before finishing (<c>prepare</c>, <c>blocking</c>, <c>training</c>, <c>scoring</c>).</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();

    /// <summary>Whether <c>report.json</c> and <c>report.html</c> are written (<see cref="LinkageRunOptions.WriteReport"/>).</summary>
    public bool WriteReport { get; init; } = true;

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartedUtc { get; init; } = DateTime.UtcNow;
}
