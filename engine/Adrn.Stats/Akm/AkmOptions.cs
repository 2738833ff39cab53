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

    /// <summary>
    /// The bias correction (default <see cref="AkmCorrection.Homoskedastic"/>, skipped when
    /// <see cref="BiasCorrectionDraws"/> is 0). <see cref="AkmCorrection.LeaveOut"/> restricts the sample to the
    /// leave-one-out connected set and computes the KSS decomposition there; the homoskedastic correction is then
    /// also computed on that sample for comparison unless <see cref="BiasCorrectionDraws"/> is 0.
    /// </summary>
    public AkmCorrection Correction { get; init; } = AkmCorrection.Homoskedastic;

    /// <summary>For the leave-out correction: leave out a match (default, as KSS) or an observation.</summary>
    public LeaveOutLevel LeaveOut { get; init; } = LeaveOutLevel.Match;

    /// <summary>For the leave-out correction: exact or random-projection leverages (default <see cref="LeverageMethod.Auto"/>).</summary>
    public LeverageMethod Leverages { get; init; } = LeverageMethod.Auto;

    /// <summary>Random-projection draws for the leave-out leverages (default 200, the authors' default); each costs three solves.</summary>
    public int RandomProjectionDraws { get; init; } = 200;

    /// <summary>
    /// Largest number of firms for exact leverages (default 1 000). The dense firm Laplacian costs the cube of the
    /// number of firms: on the 2-core build machine under load, 7 s and 140 MB at 1 000 firms, 100 s and 440 MB at 2 000.
    /// </summary>
    public int ExactFirmLimit { get; init; } = 1_000;

    /// <summary>Identifier of the output check (default <c>akm:</c> and the wage variable).</summary>
    public string? OutputId { get; init; }

    /// <summary>The disclosure rules of the output check (default <see cref="Disclosure.DisclosureRules.Default"/>).</summary>
    public Disclosure.DisclosureRules DisclosureRules { get; init; } = Disclosure.DisclosureRules.Default;
}
