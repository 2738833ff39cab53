namespace Adrn.Synthetic;

/// <summary>Progress of a generation run: the stage and how far through the whole run it is.</summary>
/// <param name="Stage">What is being generated now (for example "employees 2020").</param>
/// <param name="Done">Work units done so far (rows written across all stages).</param>
/// <param name="Total">Work units of the whole run.</param>
public sealed record GenerationProgress(string Stage, long Done, long Total);
