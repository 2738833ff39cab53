using System.Globalization;
using Adrn.Synthetic.Production;
using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic;

/// <summary>
/// The planted production model of the synthetic business survey, on its own: simulates firms' years in
/// memory for simulation studies (for example 200 replications of a production-function estimator). The
/// generator (<see cref="SyntheticPopulation.Generate"/>) writes the same model as <c>business_survey</c>,
/// with first-year employment and TFP taken from the register; here first-year employment is
/// log-normal (median 8, log sd 1.2) and first-year log TFP is drawn from its stationary N(0, σ_ω²).
/// </summary>
public static class SyntheticBusinessSurvey
{
    /// <summary>Simulates <paramref name="firms"/> firms over <paramref name="years"/> years (a balanced panel, firm-major order).</summary>
    /// <param name="firms">Number of firms (at least 1).</param>
    /// <param name="years">Years per firm (at least 1).</param>
    /// <param name="seed">Seed: the same arguments give the same panel.</param>
    /// <param name="parameters">The model; null for <see cref="ProductionFunctionParameters.Default"/>.</param>
    /// <param name="firstYear">Calendar year of the first row of each firm (default 2015).</param>
    /// <exception cref="ArgumentException">Invalid sizes or parameters (the message lists the problems).</exception>
    public static BusinessSurveyPanel Simulate(int firms, int years, ulong seed, ProductionFunctionParameters? parameters = null, int firstYear = 2015)
    {
        parameters ??= ProductionFunctionParameters.Default;
        var problems = parameters.Validate().ToList();
        if (firms < 1) problems.Add($"firms must be at least 1 (got {firms}).");
        if (years < 1) problems.Add($"years must be at least 1 (got {years}).");
        if (problems.Count > 0) throw new ArgumentException("Invalid business survey simulation: " + string.Join(" ", problems));

        var n = firms * years;
        var id = new string[n];
        var year = new int[n];
        var employment = new double[n];
        var capital = new double[n];
        var intermediates = new double[n];
        var investment = new double[n];
        var valueAdded = new double[n];
        var tfp = new double[n];
        var start = new SeededRandom(seed, 1);
        var rng = new SeededRandom(seed, 2);
        var buffer = new BusinessSurveyYear[years];
        var width = Math.Max(5, firms.ToString(CultureInfo.InvariantCulture).Length);
        for (var f = 0; f < firms; f++)
        {
            var size = Math.Max(1, Math.Round(Math.Exp(start.NextNormal(Math.Log(8), 1.2))));
            var omega = start.NextNormal(0, parameters.TfpSd);
            BusinessSurveyModel.SimulateFirm(size, omega, parameters, rng, buffer);
            var label = "F" + f.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            for (var t = 0; t < years; t++)
            {
                var i = (f * years) + t;
                id[i] = label;
                year[i] = firstYear + t;
                employment[i] = buffer[t].Employment;
                capital[i] = buffer[t].Capital;
                intermediates[i] = buffer[t].IntermediateInputs;
                investment[i] = buffer[t].Investment;
                valueAdded[i] = buffer[t].ValueAdded;
                tfp[i] = buffer[t].LogTfp;
            }
        }

        return new BusinessSurveyPanel(parameters, id, year, employment, capital, intermediates, investment, valueAdded, tfp);
    }
}
