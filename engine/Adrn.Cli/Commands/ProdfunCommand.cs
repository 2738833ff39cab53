using System.CommandLine;
using System.Text;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Production;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn prodfun --data FILE --firm COL --year COL --output EXPR --free EXPR[,..] --state EXPR[,..] --proxy EXPR
/// --method ols|op|lp|acf [--form cobb-douglas|translog] [--bootstrap N --seed S] [--out FILE.json] [--tfp-out FILE]</c>:
/// estimates a production function, prints the elasticities and the output check, writes them as JSON and
/// firm-year TFP as CSV or Arrow. Exit codes: 0 fitted, 1 the fit failed, 2 bad usage.
/// </summary>
public static class ProdfunCommand
{
    /// <summary>Builds the <c>prodfun</c> command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Firm-year table: .arrow, .csv or .parquet (e.g. business_survey from adrn synth)." };
        var firm = new Option<string>("--firm") { Description = "Firm identifier column (default employer_id)." };
        var year = new Option<string>("--year") { Description = "Year column (default year)." };
        var output = new Option<string>("--output") { Description = "Log output, e.g. log(value_added) (the default)." };
        var free = new Option<string>("--free") { Description = "Free inputs, comma-separated (default log(employment))." };
        var state = new Option<string>("--state") { Description = "State inputs, comma-separated (default log(capital))." };
        var proxy = new Option<string?>("--proxy") { Description = "Proxy for productivity: log(investment) for op, log(intermediate_inputs) for lp and acf (the default)." };
        var method = new Option<string>("--method") { Description = "ols, op (Olley-Pakes), lp (Levinsohn-Petrin) or acf (Ackerberg-Caves-Frazer, the default)." };
        var form = new Option<string>("--form") { Description = "cobb-douglas (default) or translog (ols and acf)." };
        var bootstrap = new Option<int?>("--bootstrap") { Description = "Firm-block bootstrap replications for the standard errors of op, lp and acf (default 0: none)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the bootstrap (default 1)." };
        var outPath = new Option<string?>("--out") { Description = "Write the estimates and the output check to this JSON file." };
        var tfpOut = new Option<string?>("--tfp-out") { Description = "Write firm-year TFP (firm, year, log_tfp, omega) to this .csv or .arrow file." };
        var command = new Command("prodfun", "Estimate a production function (OLS, Olley-Pakes, Levinsohn-Petrin, ACF) and firm-year TFP.")
        {
            data, firm, year, output, free, state, proxy, method, form, bootstrap, seed, outPath, tfpOut,
        };
        command.SetAction(parseResult =>
        {
            string? Get(Option<string> o) => parseResult.GetValue(o);
            return Run(parseResult, Get(data), Get(firm), Get(year), Get(output), Get(free), Get(state), parseResult.GetValue(proxy),
                Get(method), Get(form), parseResult.GetValue(bootstrap), parseResult.GetValue(seed), parseResult.GetValue(outPath), parseResult.GetValue(tfpOut));
        });
        return command;
    }

    private static int Run(ParseResult parseResult, string? dataPath, string? firm, string? year, string? output, string? free, string? state,
        string? proxy, string? method, string? form, int? bootstrap, int? seed, string? outPath, string? tfpOut)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        int Usage(string message)
        {
            stderr.WriteLine($"adrn prodfun: {message}");
            return ExitCodes.BadUsage;
        }

        if (string.IsNullOrWhiteSpace(dataPath)) return Usage("--data FILE is required (.arrow, .csv or .parquet).");
        if (!File.Exists(dataPath)) return Usage($"data file '{dataPath}' does not exist.");
        ProductionFunctionMethod kind;
        switch ((method ?? "acf").ToUpperInvariant())
        {
            case "OLS": kind = ProductionFunctionMethod.Ols; break;
            case "OP": kind = ProductionFunctionMethod.OlleyPakes; break;
            case "LP": kind = ProductionFunctionMethod.LevinsohnPetrin; break;
            case "ACF": kind = ProductionFunctionMethod.Acf; break;
            default: return Usage($"unknown --method '{method}'; use ols, op, lp or acf.");
        }

        ProductionFunctionForm shape;
        switch ((form ?? "cobb-douglas").ToUpperInvariant())
        {
            case "COBB-DOUGLAS" or "CD": shape = ProductionFunctionForm.CobbDouglas; break;
            case "TRANSLOG": shape = ProductionFunctionForm.Translog; break;
            default: return Usage($"unknown --form '{form}'; use cobb-douglas or translog.");
        }

        if (tfpOut is not null && Path.GetExtension(tfpOut).ToUpperInvariant() is not (".CSV" or ".ARROW"))
            return Usage($"--tfp-out '{tfpOut}': write TFP as .csv or .arrow.");
        static IReadOnlyList<string> List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var defaults = new ProductionFunctionOptions();
        var options = defaults with
        {
            FirmColumn = firm ?? defaults.FirmColumn,
            YearColumn = year ?? defaults.YearColumn,
            Output = output ?? defaults.Output,
            Free = free is null ? defaults.Free : List(free),
            State = state is null ? defaults.State : List(state),
            Proxy = proxy ?? (kind == ProductionFunctionMethod.OlleyPakes ? "log(investment)" : defaults.Proxy),
            Method = kind,
            Form = shape,
            BootstrapReplications = bootstrap ?? 0,
            Seed = seed ?? defaults.Seed,
        };
        var problems = options.Validate();
        if (problems.Count > 0) return Usage(string.Join(" ", problems));

        RegressionData table;
        try
        {
            table = RegressionData.Load(dataPath);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException)
        {
            return Usage($"cannot read '{dataPath}': {ex.Message}");
        }

        var missing = new[] { options.FirmColumn, options.YearColumn }.Where(c => !table.ColumnNames.Contains(c)).ToList();
        if (missing.Count > 0) return Usage($"column(s) {string.Join(", ", missing)} not in '{dataPath}'. Available: {string.Join(", ", table.ColumnNames)}.");

        ProductionFunctionResult result;
        try
        {
            result = ProductionFunction.Fit(table, options);
        }
        catch (KeyNotFoundException ex)
        {
            return Usage(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Usage(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArithmeticException)
        {
            stderr.WriteLine($"adrn prodfun: the production function could not be estimated: {ex.Message}");
            return ExitCodes.Failed;
        }

        stdout.Write(result.ToString());
        if (result.Check.Status != OutputStatus.Pass)
            stderr.WriteLine($"adrn prodfun: output check {result.Check.Status.ToString().ToUpperInvariant()}: do not release this output as it is.");
        try
        {
            if (outPath is not null) File.WriteAllText(outPath, result.ToJson(dataPath), new UTF8Encoding(false));
            if (tfpOut is not null)
            {
                result.Tfp.Write(tfpOut);
                stdout.WriteLine($"TFP for {result.Tfp.Rows:N0} firm-years written to {tfpOut} (record-level: not for release).");
            }
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"adrn prodfun: cannot write output: {ex.Message}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }
}
