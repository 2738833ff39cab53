using System.Globalization;
using System.Text;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.Production;

/// <summary>A fitted production function: coefficients, output elasticities, returns to scale, firm-year TFP and the output check.</summary>
public sealed partial class ProductionFunctionResult
{
    internal ProductionFunctionResult() { }

    /// <summary>The estimator.</summary>
    public required ProductionFunctionMethod Method { get; init; }

    /// <summary>Cobb–Douglas or translog.</summary>
    public required ProductionFunctionForm Form { get; init; }

    /// <summary>The options used.</summary>
    public required ProductionFunctionOptions Options { get; init; }

    /// <summary>The production function's coefficients (for Cobb–Douglas the output elasticities) with standard errors and intervals.</summary>
    public required IReadOnlyList<CoefficientEstimate> Coefficients { get; init; }

    /// <summary>The sample-mean output elasticity of each input (equal to the coefficients for Cobb–Douglas).</summary>
    public required IReadOnlyList<CoefficientEstimate> Elasticities { get; init; }

    /// <summary>Returns to scale: the sum of the mean output elasticities.</summary>
    public required CoefficientEstimate ReturnsToScale { get; init; }

    /// <summary>How the standard errors were computed (e.g. <c>bootstrap: 200 firm-block replicates, seed 1</c>).</summary>
    public required string StandardErrorMethod { get; init; }

    /// <summary>Firm-year observations in the estimation panel (OLS: after removing fixed-effect singletons).</summary>
    public required int Observations { get; init; }

    /// <summary>Observations with the previous year (the control-function second stage); equal to <see cref="Observations"/> for OLS.</summary>
    public required int SecondStageObservations { get; init; }

    /// <summary>Rows dropped for a missing or non-finite value (including logs of zero or negative values).</summary>
    public required int RemovedMissing { get; init; }

    /// <summary>Firms in the estimation panel.</summary>
    public required int Firms { get; init; }

    /// <summary>Years in the estimation panel.</summary>
    public required int Years { get; init; }

    /// <summary>Bootstrap replicates that produced an estimate.</summary>
    public required int BootstrapReplications { get; init; }

    /// <summary>Bootstrap replicates that failed (singular first stage or GMM without convergence); they are left out of the standard errors.</summary>
    public required int BootstrapFailures { get; init; }

    /// <summary>Residual degrees of freedom: observations minus parameters (for the control-function methods, the smaller of the two stages').</summary>
    public required int ResidualDf { get; init; }

    /// <summary>
    /// Control-function methods: distinct solutions of the second stage that fit the moments equally well (1 normally).
    /// More than one means the moment conditions do not single out the coefficients on this sample; the reported
    /// solution is the one with the smallest criterion.
    /// </summary>
    public int SecondStageSolutions { get; init; } = 1;

    /// <summary>Firm-year TFP.</summary>
    public required FirmYearTfp Tfp { get; init; }

    /// <summary>The output check: residual degrees of freedom and the number of firms.</summary>
    public required OutputCheck Check { get; init; }

    /// <summary>Returns a coefficient by term.</summary>
    /// <param name="term">The term, e.g. <c>log(employment)</c>.</param>
    /// <exception cref="KeyNotFoundException">No such term.</exception>
    public CoefficientEstimate this[string term] =>
        Coefficients.FirstOrDefault(c => c.Term == term) ?? throw new KeyNotFoundException($"No term '{term}'. Terms: {string.Join(", ", Coefficients.Select(c => c.Term))}.");

    /// <summary>The estimates as a text table with the output check.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Production function ({Form}), {MethodName(Method)}: {Options.Output} on {string.Join(", ", Options.Free.Concat(Options.State))}{(Method == ProductionFunctionMethod.Ols ? string.Empty : $"; proxy {Options.Proxy}")}");
        sb.AppendLine(inv, $"Observations: {Observations:N0} ({SecondStageObservations:N0} with the previous year), firms: {Firms:N0}, years: {Years}; standard errors: {StandardErrorMethod}");
        var width = Math.Max(12, Coefficients.Concat(Elasticities).Max(c => c.Term.Length) + 2);
        sb.AppendLine(inv, $"{"term".PadRight(width)}{"estimate",12}{"std.err",12}{"ci.low",12}{"ci.high",12}");
        void Row(CoefficientEstimate c) =>
            sb.AppendLine(inv, $"{c.Term.PadRight(width)}{c.Estimate,12:F4}{Format(c.StdError),12}{Format(c.CiLow),12}{Format(c.CiHigh),12}");
        foreach (var c in Coefficients) Row(c);
        if (Form == ProductionFunctionForm.Translog)
        {
            sb.AppendLine("mean output elasticities:");
            foreach (var c in Elasticities) Row(c);
        }

        Row(ReturnsToScale);
        sb.AppendLine(Check.ToString());
        return sb.ToString();

        string Format(double x) => double.IsFinite(x) ? x.ToString("F4", inv) : "-";
    }

    /// <summary>The estimator's usual name.</summary>
    /// <param name="method">The method.</param>
    public static string MethodName(ProductionFunctionMethod method) => method switch
    {
        ProductionFunctionMethod.Ols => "OLS with firm and year effects",
        ProductionFunctionMethod.OlleyPakes => "Olley-Pakes",
        ProductionFunctionMethod.LevinsohnPetrin => "Levinsohn-Petrin",
        _ => "Ackerberg-Caves-Frazer",
    };
}
