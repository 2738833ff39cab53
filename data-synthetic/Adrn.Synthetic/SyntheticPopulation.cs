using Adrn.Synthetic.Generation;

namespace Adrn.Synthetic;

/// <summary>
/// Generates a synthetic UK population with ground truth: a business register, a payroll panel of
/// person-job-years, a cohort study drawn mostly from payroll persons, truth files linking them,
/// and <c>dgp.json</c> with every parameter of the data-generating process.
/// </summary>
public static class SyntheticPopulation
{
    /// <summary>
    /// Writes the population into <paramref name="outDir"/> (created if needed). The same options
    /// give byte-identical CSV and Arrow files. Memory stays proportional to the number of
    /// persons and employers, not payroll rows: rows stream to the writers in batches.
    /// </summary>
    /// <param name="options">What to generate; must pass <see cref="SyntheticPopulationOptions.Validate"/>.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="progress">Optional progress sink, called from the generating thread.</param>
    /// <param name="ct">Cancels between batches.</param>
    /// <returns>Files written, row counts and elapsed seconds.</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public static SyntheticPopulationSummary Generate(
        SyntheticPopulationOptions options,
        string outDir,
        IProgress<GenerationProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid synthetic population options: " + string.Join(" ", problems), nameof(options));
        }

        return new PopulationGenerator(options, Path.GetFullPath(outDir), progress, ct).Run();
    }
}
