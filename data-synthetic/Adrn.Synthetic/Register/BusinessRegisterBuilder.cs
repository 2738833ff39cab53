using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;

namespace Adrn.Synthetic.Register;

/// <summary>
/// Builds the business register in two steps: <see cref="Build"/> draws structure (size, sector,
/// place, names, identifiers, management, trade, investment, wage effect); once workers are matched
/// to jobs, <see cref="PlantProductivity"/> draws GVA from the planted model with the firm's mean worker skill.
/// </summary>
internal static class BusinessRegisterBuilder
{
    /// <summary>Share of firms with a trading name different from the registered name.</summary>
    public const double TradingNameShare = 0.15;

    /// <summary>Share of firms created as a look-alike of an earlier firm in the same town.</summary>
    public const double LookAlikeShare = 0.03;

    /// <summary>Draws the register's structure: <paramref name="sizes"/> gives each firm's employment.</summary>
    public static Firm[] Build(int[] sizes, int referenceYear, SeededRandom rng)
    {
        var names = new CompanyNameGenerator();
        var firms = new Firm[sizes.Length];
        for (var j = 0; j < sizes.Length; j++)
        {
            var size = sizes[j];
            var logSize = Math.Log(size);
            Firm? original = null;
            if (j > 10 && rng.Chance(LookAlikeShare))
            {
                original = firms[rng.NextInt(j)];
            }

            var sectionIndex = original?.Section ?? rng.PickCumulative(SicCatalogue.Cumulative);
            var section = SicCatalogue.Sections[sectionIndex];
            var area = original?.Area ?? rng.PickCumulative(UkGeography.AreaCumulative);
            var postcode = original is null ? Postcode.RandomIn(rng, area) : Postcode.RandomIn(rng, area, Postcode.District(original.Postcode));
            if (original is not null && postcode == original.Postcode)
            {
                postcode = Postcode.WrongUnit(rng, postcode);
            }

            var region = UkGeography.RegionIndex(UkGeography.Areas[area].Itl1);
            var town = UkGeography.Areas[area].Town;

            var exporterLogit = -2.0 + 0.45 * logSize + section.ExportPropensity;
            var exporter = rng.Chance(Logistic(exporterLogit)) ? 1 : 0;
            var foreignLogit = -4.2 + 0.55 * logSize + (exporter == 1 ? 0.8 : 0) + (region == 6 ? 0.6 : 0);
            var foreign = rng.Chance(Logistic(foreignLogit)) ? 1 : 0;

            var name = original is null ? null : names.CreateLookAlike(rng, original.Name);
            var lookAlikeOf = name is null ? -1 : original!.Index;
            name ??= names.Create(rng, section, town, size, foreign == 1);

            // Older firms are bigger: mean age rises with log size.
            var age = (int)Math.Min(120, Math.Floor(-Math.Log(1 - rng.NextDouble()) * (8 + 3 * logSize)));
            var management = Math.Round(Math.Clamp(0.50 + 0.03 * logSize + section.ManagementEffect + 0.03 * exporter + rng.NextNormal(0, 0.13), 0.01, 0.99), 3);

            // Investment per worker (GBP, always > 0), rounded to pounds; the model uses the rounded value.
            var logInvestmentPerWorker = 7.6 + 0.8 * (management - 0.5) + 0.2 * exporter + rng.NextNormal(0, 1.0);
            var investment = Math.Max(1, Math.Round(Math.Exp(logInvestmentPerWorker) * size));

            var chPrefix = CompanyNumberPrefix(name.LegalForm, region, foreign, rng);
            firms[j] = new Firm
            {
                Index = j,
                LookAlikeOf = lookAlikeOf,
                TaxOffice = (short)(100 + rng.NextInt(900)),
                CompanyNumberPrefix = chPrefix,
                Name = name,
                TradingName = rng.Chance(TradingNameShare) ? CompanyNameGenerator.CreateTradingName(rng, section, town, name) : null,
                AddressCode = CompanyNameGenerator.CreateAddress(rng, section),
                Area = area,
                Postcode = postcode,
                Region = region,
                Section = sectionIndex,
                Division = section.Divisions[rng.NextInt(section.Divisions.Length)],
                BirthYear = referenceYear - age,
                Employment = size,
                Exporter = exporter,
                ForeignOwned = foreign,
                Management = management,
                Investment = investment,
            };
        }

        // Firm wage effect: related to the firm's predictable productivity (not to its GVA shock,
        // so sorting on it cannot correlate mean worker skill with the productivity error).
        var index = new double[firms.Length];
        var mean = 0.0;
        for (var j = 0; j < firms.Length; j++)
        {
            index[j] = PredictableLogProductivity(firms[j], referenceYear);
            mean += index[j];
        }

        mean /= firms.Length;
        for (var j = 0; j < firms.Length; j++)
        {
            firms[j].WageEffect = Math.Round(ProductivityModel.WageEffectSlope * (index[j] - mean) + rng.NextNormal(0, ProductivityModel.WageEffectNoiseSd), 6);
        }

        return firms;
    }

    /// <summary>
    /// Draws GVA from the planted model. Sets the intercept so the median GVA per worker is
    /// about GBP 30.5k and the residual spread so mean/median is about 52k/30.5k.
    /// Returns (intercept, residual sd, achieved explained variance).
    /// </summary>
    public static (double Intercept, double ResidualSd, double SystematicVariance) PlantProductivity(Firm[] firms, int referenceYear, SeededRandom rng)
    {
        var systematic = new double[firms.Length];
        double sum = 0, sumSq = 0;
        for (var j = 0; j < firms.Length; j++)
        {
            systematic[j] = PredictableLogProductivity(firms[j], referenceYear) + ProductivityModel.MeanWorkerSkill * firms[j].MeanSkill;
            sum += systematic[j];
            sumSq += systematic[j] * systematic[j];
        }

        var mean = sum / firms.Length;
        var variance = Math.Max(0, sumSq / firms.Length - mean * mean);
        var residualSd = Math.Max(ProductivityModel.MinimumResidualSd, Math.Sqrt(Math.Max(0, ProductivityModel.TargetLogVariance - variance)));

        var errors = new double[firms.Length];
        var logValues = new double[firms.Length];
        for (var j = 0; j < firms.Length; j++)
        {
            errors[j] = rng.NextNormal(0, residualSd);
            logValues[j] = systematic[j] + errors[j];
        }

        var sorted = (double[])logValues.Clone();
        Array.Sort(sorted);
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
        var intercept = Math.Round(Math.Log(ProductivityModel.TargetMedianGvaPerWorker) - median, 6);

        for (var j = 0; j < firms.Length; j++)
        {
            var firm = firms[j];
            var section = SicCatalogue.Sections[firm.Section];
            firm.LogGvaPerWorker = intercept + logValues[j];
            var gva = Math.Round(Math.Exp(firm.LogGvaPerWorker) * firm.Employment);
            firm.Turnover = Math.Round(gva / section.GvaShareOfTurnover * Math.Exp(rng.NextNormal(0, 0.2)));
            if (rng.Chance(ProductivityModel.LossMakingShare))
            {
                // Loss-making: chosen independently of every regressor, so dropping these rows
                // (log undefined) does not bias a regression on the rest.
                firm.LossMaking = true;
                gva = rng.Chance(0.2) ? 0 : -Math.Round(Math.Abs(rng.NextNormal(0, 0.3)) * gva + 1);
            }

            firm.Gva = gva;
        }

        return (intercept, residualSd, variance);
    }

    /// <summary>The planted model's value for a firm without intercept, skill term and error.</summary>
    public static double PredictableLogProductivity(Firm firm, int referenceYear)
    {
        var section = SicCatalogue.Sections[firm.Section];
        return ProductivityModel.Management * firm.Management
            + ProductivityModel.Exporter * firm.Exporter
            + ProductivityModel.ForeignOwned * firm.ForeignOwned
            + ProductivityModel.LogInvestmentPerWorker * Math.Log(firm.Investment / firm.Employment)
            + ProductivityModel.LogEmployment * Math.Log(firm.Employment)
            + ProductivityModel.LogAge * Math.Log(1 + referenceYear - firm.BirthYear)
            + section.ProductivityEffect
            + ProductivityModel.RegionEffects[firm.Region];
    }

    private static string? CompanyNumberPrefix(string legalForm, int region, int foreign, SeededRandom rng)
    {
        var scotland = region == 10;
        var northernIreland = region == 11;
        if (legalForm == "LLP")
        {
            return scotland ? "SO" : northernIreland ? "NC" : "OC";
        }

        if (foreign == 1 && rng.Chance(0.2))
        {
            return "FC";
        }

        return scotland ? "SC" : northernIreland ? "NI" : null;
    }

    private static double Logistic(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
