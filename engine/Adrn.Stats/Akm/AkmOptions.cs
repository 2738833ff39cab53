namespace Adrn.Stats.Akm;

/// <summary>Options of <see cref="AkmDecomposition.Fit"/>. Column defaults follow the linked panel (<c>person_id</c>, <c>employer_id</c>).</summary>
public sealed record AkmOptions
{
    /// <summary>Worker identifier column (default <c>person_id</c>).</summary>
    public string WorkerColumn { get; init; } = "person_id";

    /// <summary>Firm identifier column (default <c>employer_id</c>).</summary>
    public string FirmColumn { get; init; } = "employer_id";

    /// <summary>Log wage column (default <c>log_wage</c>); write e.g. <c>log(annual_pay)</c> to transform on the fly.</summary>
    public string LogWage { get; init; } = "log_wage";

    /// <summary>Time-varying controls as formula terms (e.g. <c>i(year)</c>), or null for none.</summary>
    public string? Controls { get; init; }

    /// <summary>Random probes for the homoskedastic bias correction's trace estimate (default 40; 0 skips the correction).</summary>
    public int BiasCorrectionDraws { get; init; } = 40;

    /// <summary>Seed of the probes, so results are reproducible (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Convergence tolerance of the fixed-effect solver (default 1e-10; the effects themselves are needed, not only residuals).</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Iteration cap of the fixed-effect solver (default 100 000).</summary>
    public int MaxIterations { get; init; } = 100_000;
}
