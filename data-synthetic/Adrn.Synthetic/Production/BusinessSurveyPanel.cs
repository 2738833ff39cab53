namespace Adrn.Synthetic.Production;

/// <summary>
/// An in-memory synthetic business survey (one row per firm and year) with its planted truth, for simulation
/// studies that need many replications without writing files. Columns follow the generator's
/// <c>business_survey</c> table; <see cref="LogTfp"/> is the planted ω (truth).
/// </summary>
public sealed class BusinessSurveyPanel
{
    internal BusinessSurveyPanel(ProductionFunctionParameters parameters, string[] employerId, int[] year, double[] employment, double[] capital,
        double[] intermediateInputs, double[] investment, double[] valueAdded, double[] logTfp)
    {
        Parameters = parameters;
        EmployerId = employerId;
        Year = year;
        Employment = employment;
        Capital = capital;
        IntermediateInputs = intermediateInputs;
        Investment = investment;
        ValueAdded = valueAdded;
        LogTfp = logTfp;
    }

    /// <summary>The planted parameters.</summary>
    public ProductionFunctionParameters Parameters { get; }

    /// <summary>Firm identifier per row.</summary>
    public string[] EmployerId { get; }

    /// <summary>Year per row.</summary>
    public int[] Year { get; }

    /// <summary>Employment, full-time equivalents to 0.01.</summary>
    public double[] Employment { get; }

    /// <summary>Capital stock at the start of the year (GBP).</summary>
    public double[] Capital { get; }

    /// <summary>Intermediate inputs (GBP).</summary>
    public double[] IntermediateInputs { get; }

    /// <summary>Investment during the year (GBP).</summary>
    public double[] Investment { get; }

    /// <summary>Value added (GBP).</summary>
    public double[] ValueAdded { get; }

    /// <summary>Planted log TFP ω (truth; never in the published table).</summary>
    public double[] LogTfp { get; }

    /// <summary>Rows.</summary>
    public int Rows => Year.Length;
}
