using System.Text.Json;
using Adrn.Synthetic.Payroll;
using Adrn.Synthetic.Reference;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Generation;

internal sealed partial class PopulationGenerator
{
    private void WriteDgp()
    {
        var path = Path.Combine(_outDir, "dgp.json");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("generator", "Adrn.Synthetic");
            json.WriteString("description", "Synthetic UK business register, payroll panel and cohort study with ground truth. Every parameter of the data-generating process.");

            json.WriteStartObject("options");
            json.WriteNumber("employers", _options.Employers);
            json.WriteNumber("employee_rows", _options.Persons * _options.Years);
            json.WriteNumber("persons", _options.Persons);
            json.WriteNumber("cohort", _options.Cohort);
            json.WriteNumber("years", _options.Years);
            json.WriteNumber("first_year", _options.FirstYear);
            json.WriteNumber("seed", _options.Seed);
            json.WriteString("formats", _options.Formats.ToString());
            json.WriteNumber("move_rate", _options.MoveRate);
            json.WriteNumber("sorting", _options.Sorting);
            json.WriteNumber("cohort_in_payroll_share", _options.CohortInPayrollShare);
            json.WriteEndObject();

            json.WriteStartObject("noise");
            foreach (var (name, rate) in _options.Noise.Rates())
            {
                json.WriteNumber(name, rate);
            }

            json.WriteEndObject();
            WriteHandKeyedNoise(json);

            WriteFirmSizes(json);
            WriteProductivity(json);
            WriteManagement(json);
            WriteWages(json);
            WriteProductionFunction(json);

            json.WriteStartObject("names");
            json.WriteNumber("trading_name_share", BusinessRegisterBuilder.TradingNameShare);
            json.WriteNumber("look_alike_share", BusinessRegisterBuilder.LookAlikeShare);
            json.WriteNumber("achieved_trading_name_share", _firms.Count(f => f.TradingName is not null) / (double)_firms.Length);
            json.WriteNumber("achieved_look_alike_firms", _firms.Count(f => f.LookAlikeOf >= 0));
            json.WriteNumber("surnames_in_list", PersonNames.Surnames.Length);
            json.WriteString("nino_scheme", "Q + one of ABCEGHJKLMNPRSTWXYZ + 6 digits + A-D: the Q prefix is never issued, so no real NINO is produced");
            json.WriteEndObject();

            json.WriteStartObject("cohort");
            json.WriteNumber("members_from_payroll", _cohortFromPayroll);
            json.WriteNumber("members_not_in_payroll", _cohortOutsiders);
            json.WriteString("reference_year", "last payroll year (employer and occupation reported for that year)");
            json.WriteEndObject();

            json.WriteEndObject();
        }

        _files.Add("dgp.json");
    }

    private void WriteFirmSizes(Utf8JsonWriter json)
    {
        long total = 0, large = 0, medium = 0, small = 0, micro = 0;
        int largeFirms = 0, mediumFirms = 0, smallFirms = 0, microFirms = 0;
        foreach (var s in _sizes)
        {
            total += s;
            if (s >= 250) { large += s; largeFirms++; }
            else if (s >= 50) { medium += s; mediumFirms++; }
            else if (s >= 10) { small += s; smallFirms++; }
            else { micro += s; microFirms++; }
        }

        var n = (double)_sizes.Length;
        json.WriteStartObject("firm_sizes");
        json.WriteString("model", "large (250+): 250 + Pareto(alpha) shares of the large budget; medium (50-249): discrete power law; rest (1-49): discrete power law with exponent solved to match the remaining mean; totals exact; employment equals workers in every payroll year");
        json.WriteNumber("target_large_employment_share", FirmSizeDistribution.LargeEmploymentShare);
        json.WriteNumber("target_medium_employment_share", FirmSizeDistribution.MediumEmploymentShare);
        json.WriteNumber("target_large_firm_share", FirmSizeDistribution.LargeFirmShare);
        json.WriteNumber("large_pareto_alpha", FirmSizeDistribution.LargeParetoAlpha);
        json.WriteNumber("medium_power_law_exponent", FirmSizeDistribution.MediumExponent);
        json.WriteNumber("achieved_large_employment_share", large / (double)total);
        json.WriteNumber("achieved_medium_employment_share", medium / (double)total);
        json.WriteNumber("achieved_small_employment_share", small / (double)total);
        json.WriteNumber("achieved_micro_employment_share", micro / (double)total);
        json.WriteNumber("achieved_large_firm_share", largeFirms / n);
        json.WriteNumber("achieved_medium_firm_share", mediumFirms / n);
        json.WriteNumber("achieved_small_firm_share", smallFirms / n);
        json.WriteNumber("achieved_micro_firm_share", microFirms / n);
        json.WriteNumber("largest_firm", _sizes.Max());
        json.WriteEndObject();
    }

    private void WriteProductivity(Utf8JsonWriter json)
    {
        json.WriteStartObject("productivity_model");
        json.WriteString("equation", "log(gva / employment) = intercept + management*management_score + exporter*exporter + foreign_owned*foreign_owned + log_investment_per_worker*log(investment / employment) + log_employment*log(employment) + log_age*log(1 + first_year - birth_year) + sector_effects[sic_section] + region_effects[itl1] + mean_worker_skill*mean(skill of the firm's workers in first_year, truth/persons.csv) + e, e ~ N(0, residual_sd^2) independent of all regressors");
        json.WriteNumber("intercept", _productivity.Intercept);
        json.WriteNumber("management", ProductivityModel.Management);
        json.WriteNumber("exporter", ProductivityModel.Exporter);
        json.WriteNumber("foreign_owned", ProductivityModel.ForeignOwned);
        json.WriteNumber("log_investment_per_worker", ProductivityModel.LogInvestmentPerWorker);
        json.WriteNumber("log_employment", ProductivityModel.LogEmployment);
        json.WriteNumber("log_age", ProductivityModel.LogAge);
        json.WriteNumber("mean_worker_skill", ProductivityModel.MeanWorkerSkill);
        json.WriteNumber("residual_sd", _productivity.ResidualSd);
        json.WriteNumber("explained_variance_of_log_gva_per_worker", _productivity.SystematicVariance);
        json.WriteNumber("target_median_gva_per_worker", ProductivityModel.TargetMedianGvaPerWorker);
        json.WriteNumber("loss_making_share", ProductivityModel.LossMakingShare);
        json.WriteString("loss_making_rule", "firms chosen independently of every regressor have gva replaced by 0 or a negative value; drop rows with gva <= 0 before taking logs (truth/employers.csv loss_making = 1)");
        json.WriteString("rounding", "gva, turnover and investment are whole pounds and management_score has 3 decimals; the model uses the rounded investment and management; rounding gva moves log(gva/employment) by < 1e-4");
        json.WriteStartObject("sector_effects");
        foreach (var section in SicCatalogue.Sections)
        {
            json.WriteNumber(section.Code, section.ProductivityEffect);
        }

        json.WriteEndObject();
        json.WriteStartObject("region_effects");
        for (var r = 0; r < UkGeography.Itl1Codes.Length; r++)
        {
            json.WriteNumber(UkGeography.Itl1Codes[r], ProductivityModel.RegionEffects[r]);
        }

        json.WriteEndObject();
        json.WriteStartObject("gva_share_of_turnover");
        foreach (var section in SicCatalogue.Sections)
        {
            json.WriteNumber(section.Code, section.GvaShareOfTurnover);
        }

        json.WriteEndObject();
        json.WriteString("turnover_rule", "turnover = gva_planted / gva_share_of_turnover[section] * exp(N(0, 0.2^2)), whole pounds");
        json.WriteEndObject();
    }

    private void WriteManagement(Utf8JsonWriter json)
    {
        json.WriteStartObject("management_model");
        json.WriteString("equation", "management_score = round(clamp(0.50 + 0.03*log(employment) + section_effect + 0.03*exporter + N(0, 0.13^2), 0.01, 0.99), 3)");
        json.WriteStartObject("section_effects");
        foreach (var section in SicCatalogue.Sections)
        {
            json.WriteNumber(section.Code, section.ManagementEffect);
        }

        json.WriteEndObject();
        json.WriteNumber("achieved_mean", _firms.Average(f => f.Management));
        json.WriteString("exporter_rule", "P(exporter) = logistic(-2.0 + 0.45*log(employment) + section export propensity)");
        json.WriteString("foreign_rule", "P(foreign_owned) = logistic(-4.2 + 0.55*log(employment) + 0.8*exporter + 0.6*[London])");
        json.WriteString("investment_rule", "log(investment/employment) = 7.6 + 0.8*(management - 0.5) + 0.2*exporter + N(0, 1)");
        json.WriteEndObject();
    }

    private void WriteWages(Utf8JsonWriter json)
    {
        json.WriteStartObject("wage_model");
        json.WriteString("equation", "log(annual_pay) = worker_effect[person] + firm_wage_effect[employer] + year_effect[year] + e, e ~ N(0, residual_sd^2); annual_pay rounded to whole pounds");
        json.WriteString("worker_effect", "10.15 + 0.35*skill + 0.012*min(age_in_first_year - 18, 25) + log(hours / 37.5) + N(0, 0.10^2); hours constant per person; values in truth/persons.csv");
        json.WriteString("firm_wage_effect", "0.25*(predictable log productivity - mean) + N(0, 0.08^2); values in truth/employers.csv");
        json.WriteNumber("worker_effect_per_skill", PersonPopulation.WorkerEffectPerSkill);
        json.WriteNumber("firm_effect_slope_on_productivity", ProductivityModel.WageEffectSlope);
        json.WriteNumber("firm_effect_noise_sd", ProductivityModel.WageEffectNoiseSd);
        json.WriteNumber("residual_sd", PayResidualSd);
        json.WriteStartObject("year_effects");
        for (var t = 0; t < _yearEffects.Length; t++)
        {
            json.WriteNumber((_options.FirstYear + t).ToString(System.Globalization.CultureInfo.InvariantCulture), _yearEffects[t]);
        }

        json.WriteEndObject();
        json.WriteString("sorting_rule", "workers ranked by sorting*skill + sqrt(1 - sorting^2)*N(0,1) fill job slots ranked by firm_wage_effect; movers exchange the slots they vacate, so firm employment is the same every year");
        json.WriteNumber("sorting", _options.Sorting);
        json.WriteNumber("achieved_corr_worker_firm_effect_first_year", _firstYearSortingCorrelation);
        json.WriteNumber("move_rate", _options.MoveRate);
        json.WriteStartArray("movers_by_year");
        foreach (var moved in _movesByYear)
        {
            json.WriteNumberValue(moved);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
