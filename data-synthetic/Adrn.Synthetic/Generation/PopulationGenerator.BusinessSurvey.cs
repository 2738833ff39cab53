using System.Text.Json;
using Adrn.Synthetic.Output;
using Adrn.Synthetic.Production;
using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic.Generation;

internal sealed partial class PopulationGenerator
{
    // NOTE: a stream number far from the generator's 1..12 (and from those other stages may add), so the
    // business survey's draws never touch the streams of the existing tables: every other column keeps
    // exactly its values for a given seed.
    private const ulong StreamBusinessSurvey = 101;

    /// <summary>
    /// The business survey: each register firm over the payroll years from the planted production model. First-year
    /// planned labour is the register's employment; first-year log TFP is σ_ω times the firm's standardised planted log
    /// GVA per worker (so TFP carries the register's management, exporter and foreign-ownership premia), then it
    /// follows its AR(1). Reads the register, draws only from its own stream.
    /// </summary>
    private void WriteBusinessSurvey()
    {
        Report("business survey");
        var p = ProductionFunctionParameters.Default;
        double mean = 0, sumSq = 0;
        foreach (var firm in _firms) mean += firm.LogGvaPerWorker;
        mean /= _firms.Length;
        foreach (var firm in _firms) sumSq += (firm.LogGvaPerWorker - mean) * (firm.LogGvaPerWorker - mean);
        var sd = Math.Sqrt(sumSq / _firms.Length);

        var rng = new SeededRandom(Seed, StreamBusinessSurvey);
        var years = new BusinessSurveyYear[_options.Years];
        using var survey = OpenTable("business_survey", TableSchemas.BusinessSurvey);
        using var truth = OpenTable("truth/business_survey", TableSchemas.BusinessSurveyTruth, OutputFormats.Csv);
        foreach (var firm in _firms)
        {
            var z = sd > 0 ? (firm.LogGvaPerWorker - mean) / sd : 0;
            BusinessSurveyModel.SimulateFirm(firm.Employment, p.TfpSd * z, p, rng, years);
            var id = firm.EmployerId;
            for (var t = 0; t < years.Length; t++)
            {
                var b = survey.Batch;
                var r = survey.Row;
                b.Text(0)[r] = id;
                b.Ints(1)[r] = _options.FirstYear + t;
                b.Doubles(2)[r] = years[t].Employment;
                b.Doubles(3)[r] = years[t].Capital;
                b.Doubles(4)[r] = years[t].IntermediateInputs;
                b.Doubles(5)[r] = years[t].Investment;
                b.Doubles(6)[r] = years[t].ValueAdded;
                survey.EndRow();

                var tb = truth.Batch;
                var tr = truth.Row;
                tb.Text(0)[tr] = id;
                tb.Ints(1)[tr] = _options.FirstYear + t;
                tb.Doubles(2)[tr] = Math.Round(years[t].LogTfp, 6);
                tb.Doubles(3)[tr] = Math.Round(years[t].OutputShock, 6);
                truth.EndRow();
            }
        }

        Finish(survey);
        Finish(truth);
    }

    private void WriteProductionFunction(Utf8JsonWriter json)
    {
        var p = ProductionFunctionParameters.Default;
        json.WriteStartObject("production_function");
        json.WriteString("table", "business_survey: employer_id, year, employment (FTE, 0.01), capital (start of year), intermediate_inputs, investment, value_added (GBP, whole pounds); truth/business_survey.csv: log_tfp (omega), output_shock (epsilon)");
        json.WriteString("equation", "log(value_added) = intercept + labour*log(employment) + capital*log(capital) + omega + epsilon; epsilon ~ N(0, output_shock_sd^2) unseen when inputs are chosen");
        json.WriteNumber("intercept", p.Intercept);
        json.WriteNumber("labour", p.LabourElasticity);
        json.WriteNumber("capital", p.CapitalElasticity);
        json.WriteString("tfp", "omega_t = persistence*omega_(t-1) + xi_t, xi ~ N(0, tfp_sd^2 (1 - persistence^2)); first year: tfp_sd * standardised planted log GVA per worker of the register (truth/employers.csv)");
        json.WriteNumber("persistence", p.Persistence);
        json.WriteNumber("tfp_sd", p.TfpSd);
        json.WriteNumber("output_shock_sd", p.OutputShockSd);
        json.WriteString("tfp_timing", "omega moves from t-1 to t in two steps: omega_(t-b) = persistence^(1-b) omega_(t-1) + xi1, omega_t = persistence^b omega_(t-b) + xi2, b = labour_timing (ACF's Monte Carlo timing)");
        json.WriteString("labour_rule", "static optimum l*(omega, K, t) = (log(labour) + intercept + omega + capital*log(K) - log wage_t) / (1 - labour); labour is hired at t-b on omega_(t-b) and a firm-specific wage w_it (AR(1), firm_wage_persistence, sd firm_wage_sd): target = l*(omega_(t-b), K_t, t) - w_it/(1 - labour); planned log labour = (1 - labour_adjustment)*target + labour_adjustment*log labour_(t-1) (hiring and firing costs); employment = round(exp(planned + nu), 2), nu ~ N(0, labour_error_sd^2); the first year's planned labour equals register employment (K_1 is set so)");
        json.WriteNumber("labour_timing", p.LabourTiming);
        json.WriteNumber("labour_adjustment", p.LabourAdjustment);
        json.WriteNumber("firm_wage_sd", p.FirmWageSd);
        json.WriteNumber("firm_wage_persistence", p.FirmWagePersistence);
        json.WriteNumber("labour_error_sd", p.LabourErrorSd);
        json.WriteString("intermediate_inputs_rule", "intermediate_inputs = intermediates_per_value_added * exp(intercept + labour*l*(omega_t, K_t, t) + capital*log(K_t) + omega_t): ordered at t for the plan at today's omega and the common wage, so a strictly increasing function of omega_t given K_t");
        json.WriteNumber("intermediates_per_value_added", p.IntermediatesPerValueAdded);
        json.WriteString("investment_rule", "investment = depreciation * K_t * exp(investment_response*omega_t - investment_response^2 tfp_sd^2 / 2); K_(t+1) = ((1 - depreciation) K_t + investment) * exp(kappa), kappa ~ N(0, capital_shock_sd^2) (capital is chosen a year ahead: a state variable)");
        json.WriteNumber("capital_shock_sd", p.CapitalShockSd);
        json.WriteNumber("depreciation", p.Depreciation);
        json.WriteNumber("investment_response", p.InvestmentResponse);
        json.WriteString("wage_rule", "log wage_t = log(wage) + wage_growth * (year - first_year), common to all firms");
        json.WriteNumber("wage", p.Wage);
        json.WriteNumber("wage_growth", p.WageGrowth);
        json.WriteString("estimators", "OLS is biased (labour and capital respond to omega); Olley-Pakes (investment proxy), Levinsohn-Petrin (intermediate-input proxy) and Ackerberg-Caves-Frazer are consistent. Labour adjustment costs, the firm-specific wage and the capital shock give labour and capital variation apart from omega; without them the ACF and OP/LP moment conditions have second, spurious roots");
        json.WriteEndObject();
    }
}
