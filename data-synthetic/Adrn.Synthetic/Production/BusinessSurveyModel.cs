using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic.Production;

/// <summary>One firm-year of the business survey with its planted truth.</summary>
internal struct BusinessSurveyYear
{
    public double Employment;
    public double Capital;
    public double IntermediateInputs;
    public double Investment;
    public double ValueAdded;
    public double LogTfp;
    public double OutputShock;
}

/// <summary>Simulates one firm's years of the planted production model (<see cref="ProductionFunctionParameters"/>).</summary>
internal static class BusinessSurveyModel
{
    /// <summary>
    /// Fills <paramref name="years"/> for a firm whose first-year planned labour equals
    /// <paramref name="firstYearEmployment"/> (capital is set to make it so) and whose first-year log TFP is
    /// <paramref name="firstYearTfp"/>. Draws come from <paramref name="rng"/> in a fixed order: ω at the first
    /// hiring date and the first firm wage, then per year the two parts of ξ and the wage innovation (from the
    /// second year), ν, ε and κ.
    /// </summary>
    public static void SimulateFirm(double firstYearEmployment, double firstYearTfp, ProductionFunctionParameters p, SeededRandom rng, Span<BusinessSurveyYear> years)
    {
        var bl = p.LabourElasticity;
        var bk = p.CapitalElasticity;
        var logWage = Math.Log(p.Wage);
        var b = p.LabourTiming;
        var rhoFirst = Math.Pow(p.Persistence, 1 - b); // ω_{t−1} → ω_{t−b}
        var rhoSecond = Math.Pow(p.Persistence, b);    // ω_{t−b} → ω_t
        var sdFirst = p.TfpSd * Math.Sqrt(1 - (rhoFirst * rhoFirst));
        var sdSecond = p.TfpSd * Math.Sqrt(1 - (rhoSecond * rhoSecond));
        var omega = firstYearTfp;
        // ω at the first hiring date, given the first year's ω (the stationary pair has correlation ρ^b).
        var omegaHiring = (rhoSecond * omega) + rng.NextNormal(0, sdSecond);
        var wageInnovationSd = p.FirmWageSd * Math.Sqrt(1 - (p.FirmWagePersistence * p.FirmWagePersistence));
        var firmWage = rng.NextNormal(0, p.FirmWageSd);
        double Optimal(double tfp, double logCapital, int year) =>
            (Math.Log(bl) + p.Intercept + tfp + (bk * logCapital) - (logWage + (p.WageGrowth * year))) / (1 - bl);

        // Capital that makes planned labour equal the register's employment in the first year.
        var k = (((1 - bl) * Math.Log(firstYearEmployment)) - Math.Log(bl) - p.Intercept - omegaHiring + logWage + firmWage) / bk;
        var previousLabour = Math.Log(firstYearEmployment);
        var capital = Math.Exp(k);
        var investmentShift = -0.5 * p.InvestmentResponse * p.InvestmentResponse * p.TfpSd * p.TfpSd;
        for (var t = 0; t < years.Length; t++)
        {
            if (t > 0)
            {
                omegaHiring = (rhoFirst * omega) + rng.NextNormal(0, sdFirst);
                omega = (rhoSecond * omegaHiring) + rng.NextNormal(0, sdSecond);
                firmWage = (p.FirmWagePersistence * firmWage) + rng.NextNormal(0, wageInnovationSd);
            }

            k = Math.Log(capital);
            // Partial adjustment towards the static optimum (hiring and firing costs): last year's labour is a state.
            var target = Optimal(omegaHiring, k, t) - (firmWage / (1 - bl));
            var planned = ((1 - p.LabourAdjustment) * target) + (p.LabourAdjustment * previousLabour);
            var employment = Math.Max(0.01, Math.Round(Math.Exp(planned + rng.NextNormal(0, p.LabourErrorSd)), 2));
            previousLabour = Math.Log(employment);
            var shock = rng.NextNormal(0, p.OutputShockSd);
            var logOutput = p.Intercept + (bl * Math.Log(employment)) + (bk * k) + omega + shock;
            var logMaterials = Math.Log(p.IntermediatesPerValueAdded) + p.Intercept + (bl * Optimal(omega, k, t)) + (bk * k) + omega;
            var investment = p.Depreciation * capital * Math.Exp((p.InvestmentResponse * omega) + investmentShift);
            years[t] = new BusinessSurveyYear
            {
                Employment = employment,
                Capital = Math.Max(1, Math.Round(capital)),
                IntermediateInputs = Math.Max(1, Math.Round(Math.Exp(logMaterials))),
                Investment = Math.Max(1, Math.Round(investment)),
                ValueAdded = Math.Max(1, Math.Round(Math.Exp(logOutput))),
                LogTfp = omega,
                OutputShock = shock,
            };
            capital = (((1 - p.Depreciation) * capital) + investment) * Math.Exp(rng.NextNormal(0, p.CapitalShockSd));
        }
    }
}
