namespace Adrn.Synthetic.Register;

/// <summary>
/// The planted firm productivity model, exactly linear in its regressors:
/// log(GVA / employment) = a + b_mgmt·management + b_exp·exporter + b_for·foreign_owned
///   + b_inv·log(investment / employment) + b_size·log(employment) + b_age·log(1 + age)
///   + sector effect (SIC section) + region effect (ITL1) + b_skill·mean worker skill + e,
/// with e ~ N(0, σ²) drawn independently of every regressor. The values used are written to dgp.json.
/// </summary>
internal static class ProductivityModel
{
    /// <summary>+0.1 management → exp(0.077) − 1 ≈ +8% GVA per worker.</summary>
    public const double Management = 0.77;

    /// <summary>Exporter premium (log points).</summary>
    public const double Exporter = 0.10;

    /// <summary>Foreign-ownership premium: log(1.18) ≈ 0.166, i.e. 18% more productive.</summary>
    public const double ForeignOwned = 0.166;

    /// <summary>Elasticity with respect to investment per worker.</summary>
    public const double LogInvestmentPerWorker = 0.12;

    /// <summary>Elasticity with respect to employment.</summary>
    public const double LogEmployment = 0.03;

    /// <summary>Effect of log(1 + firm age in years).</summary>
    public const double LogAge = 0.05;

    /// <summary>Effect of the mean skill (z-score) of the firm's workers in the reference year.</summary>
    public const double MeanWorkerSkill = 0.30;

    /// <summary>Target median GVA per worker (GBP, ONS firm-level ≈ 30.5k); the intercept is solved to hit it.</summary>
    public const double TargetMedianGvaPerWorker = 30_500;

    /// <summary>Target variance of log GVA per worker: mean/median = exp(var/2) ≈ 52k/30.5k.</summary>
    public static readonly double TargetLogVariance = 2 * Math.Log(52_000.0 / 30_500.0);

    /// <summary>Smallest residual standard deviation used whatever the explained variance.</summary>
    public const double MinimumResidualSd = 0.55;

    /// <summary>Share of firms whose GVA is replaced by a value ≤ 0, chosen independently of everything.</summary>
    public const double LossMakingShare = 0.004;

    /// <summary>Region effects on log GVA per worker by ITL1 code order TLC..TLN.</summary>
    public static readonly double[] RegionEffects = [-0.10, -0.05, -0.08, -0.06, -0.05, 0.05, 0.25, 0.10, 0.00, -0.12, 0.00, -0.12];

    /// <summary>Slope of the firm wage effect on the firm's predictable log productivity.</summary>
    public const double WageEffectSlope = 0.25;

    /// <summary>Standard deviation of the firm wage effect's own noise.</summary>
    public const double WageEffectNoiseSd = 0.08;
}
