using System.CommandLine;
using System.Text;
using Adrn.Stats.Akm;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn akm --data FILE --worker COL --firm COL --y EXPR [--controls "i(year)"] --correction none|homoskedastic|kss
/// [--leave-out observation|match] [--draws N] [--out FILE.json]</c>: the AKM worker–firm decomposition with the
/// chosen bias correction. Prints the decompositions and the output check; <c>--out</c> writes JSON
/// (<c>var_psi</c>, <c>var_alpha</c>, <c>cov_alpha_psi</c>, <c>var_y</c>, <c>n_obs</c>, <c>n_workers</c>,
/// <c>n_firms</c>, <c>correction</c>, …) on the sample actually used. Exit codes: 0 fitted, 1 the fit failed, 2 bad usage.
/// </summary>
public static class AkmCommand
{
    /// <summary>Builds the <c>akm</c> command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Person-year table: .arrow, .csv or .parquet." };
        var worker = new Option<string>("--worker") { Description = "Worker identifier column (default person_id)." };
        var firm = new Option<string>("--firm") { Description = "Firm identifier column (default employer_id)." };
        var y = new Option<string>("--y") { Description = "Log wage: a column or an expression such as log(annual_pay) (default log_wage)." };
        var controls = new Option<string?>("--controls") { Description = "Time-varying controls as formula terms, e.g. \"i(year)\"." };
        var correction = new Option<string>("--correction") { Description = "none, homoskedastic (Andrews et al.) or kss (Kline-Saggio-Solvsten leave-out). Default homoskedastic." };
        var leaveOut = new Option<string>("--leave-out") { Description = "KSS: leave out a match (default) or an observation." };
        var draws = new Option<int?>("--draws") { Description = "KSS: random-projection draws (exact leverages when omitted and the panel is small enough); homoskedastic: trace probes (default 40)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the random draws (default 1)." };
        var output = new Option<string?>("--out") { Description = "Write the decomposition and the output check to this JSON file." };
        var command = new Command("akm", "AKM worker-firm wage decomposition with the homoskedastic or the KSS leave-out bias correction.")
        {
            data, worker, firm, y, controls, correction, leaveOut, draws, seed, output,
        };
        command.SetAction(parseResult => Run(parseResult, parseResult.GetValue(data), parseResult.GetValue(worker), parseResult.GetValue(firm),
            parseResult.GetValue(y), parseResult.GetValue(controls), parseResult.GetValue(correction), parseResult.GetValue(leaveOut),
            parseResult.GetValue(draws), parseResult.GetValue(seed), parseResult.GetValue(output)));
        return command;
    }

    private static int Run(ParseResult parseResult, string? dataPath, string? worker, string? firm, string? y, string? controls,
        string? correction, string? leaveOut, int? draws, int? seed, string? outPath)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        int Usage(string message)
        {
            stderr.WriteLine($"adrn akm: {message}");
            return ExitCodes.BadUsage;
        }

        if (string.IsNullOrWhiteSpace(dataPath)) return Usage("--data FILE is required (.arrow, .csv or .parquet).");
        if (!File.Exists(dataPath)) return Usage($"data file '{dataPath}' does not exist.");
        AkmCorrection kind;
        switch ((correction ?? "homoskedastic").ToUpperInvariant())
        {
            case "NONE": kind = AkmCorrection.None; break;
            case "HOMOSKEDASTIC": kind = AkmCorrection.Homoskedastic; break;
            case "KSS" or "LEAVE-OUT": kind = AkmCorrection.LeaveOut; break;
            default: return Usage($"unknown --correction '{correction}'; use none, homoskedastic or kss.");
        }

        LeaveOutLevel level;
        switch ((leaveOut ?? "match").ToUpperInvariant())
        {
            case "MATCH": level = LeaveOutLevel.Match; break;
            case "OBSERVATION" or "OBS": level = LeaveOutLevel.Observation; break;
            default: return Usage($"unknown --leave-out '{leaveOut}'; use match or observation.");
        }

        if (draws is < 1) return Usage($"--draws must be a positive number (got {draws}).");
        var defaults = new AkmOptions();
        var options = defaults with
        {
            WorkerColumn = worker ?? defaults.WorkerColumn,
            FirmColumn = firm ?? defaults.FirmColumn,
            LogWage = y ?? defaults.LogWage,
            Controls = controls,
            Correction = kind,
            LeaveOut = level,
            Leverages = kind == AkmCorrection.LeaveOut && draws is not null ? LeverageMethod.RandomProjection : LeverageMethod.Auto,
            RandomProjectionDraws = kind == AkmCorrection.LeaveOut && draws is { } d ? d : defaults.RandomProjectionDraws,
            BiasCorrectionDraws = kind == AkmCorrection.Homoskedastic && draws is { } h ? h : defaults.BiasCorrectionDraws,
            Seed = seed ?? defaults.Seed,
        };

        RegressionData table;
        try
        {
            table = RegressionData.Load(dataPath);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
        {
            return Usage($"cannot read '{dataPath}': {ex.Message}");
        }

        var missing = new[] { options.WorkerColumn, options.FirmColumn }.Where(c => !table.ColumnNames.Contains(c)).ToList();
        if (missing.Count > 0) return Usage($"column(s) {string.Join(", ", missing)} not in '{dataPath}'. Available: {string.Join(", ", table.ColumnNames)}.");

        AkmResult result;
        try
        {
            result = AkmDecomposition.Fit(table, options);
        }
        catch (Exception ex) when (ex is Stats.Formulas.FormulaParseException or KeyNotFoundException)
        {
            return Usage(ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            stderr.WriteLine($"adrn akm: the model could not be fitted: {ex.Message}");
            return ExitCodes.Failed;
        }

        stdout.Write(result.ToString());
        if (result.Check.Status != OutputStatus.Pass)
            stderr.WriteLine($"adrn akm: output check {result.Check.Status.ToString().ToUpperInvariant()}: do not release this output as it is.");
        try
        {
            if (outPath is not null) File.WriteAllText(outPath, result.ToJson(dataPath, options), new UTF8Encoding(false));
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"adrn akm: cannot write output: {ex.Message}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }
}
