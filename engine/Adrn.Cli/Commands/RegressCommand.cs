using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using Adrn.Stats.Formulas;
using Adrn.Stats.Tables;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn regress --data FILE --formula "y ~ x | fe" [--formula ...] [--vcov ...] [--out table.tex|.html|.md|.json]</c>:
/// fits one or more fixest-style models (several <c>--formula</c>, or fixest's stepwise <c>csw()</c>/<c>sw()</c>), prints
/// them side by side as one table (etable) with their output checks and few-clusters warnings, and writes the table
/// (or, for <c>.json</c>, the coefficients) to <c>--out</c>.
/// Exit codes: 0 fitted (whatever the output check says; it is printed and written), 1 the fit
/// failed, 2 bad usage (missing file, bad formula, unknown column, bad option value).
/// </summary>
public static class RegressCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the <c>regress</c> command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Input table: .arrow (Arrow IPC file), .csv or .parquet." };
        var formula = new Option<string[]>("--formula")
        {
            Description = "Model formula, e.g. \"log_gva ~ management + exporter | sic2^year + itl1\". Repeat for several models side by side; "
                + "fixest's stepwise csw(a, b) (cumulative), sw(a, b) (one at a time), csw0/sw0 (first without) give one model per step.",
            AllowMultipleArgumentsPerToken = false,
        };
        var vcov = new Option<string>("--vcov") { Description = "Standard errors: iid, hc0..hc3 (hc1 = hetero), cluster:var or cluster:a+b. Default: iid, or clustered by the first fixed effect." };
        var weights = new Option<string?>("--weights") { Description = "Column of observation weights." };
        var output = new Option<string?>("--out") { Description = "Write the table to this file, in the format of its extension: .tex (LaTeX), .html, .md (Markdown), .txt; or .json for coefficients, SEs, N, df and the output check of every model." };
        var format = new Option<string>("--format") { Description = "Table format on stdout: text (default), markdown, html, latex." };
        var log = new Option<string?>("--output-log") { Description = "Append the output check (with the SHA-256 of the printed table) to this JSON-lines log." };
        var id = new Option<string?>("--id") { Description = "Output identifier for the check and log (default: the formula)." };
        var command = new Command("regress", "Fit an OLS/IV model with absorbed fixed effects and robust or clustered standard errors.")
        {
            data, formula, vcov, weights, output, format, log, id,
        };
        command.SetAction(parseResult => Run(parseResult, new Arguments(
            parseResult.GetValue(data), parseResult.GetValue(formula), parseResult.GetValue(vcov), parseResult.GetValue(weights),
            parseResult.GetValue(output), parseResult.GetValue(format), parseResult.GetValue(log), parseResult.GetValue(id))));
        return command;
    }

    private sealed record Arguments(string? Data, string[]? Formula, string? Vcov, string? Weights, string? Out, string? Format, string? Log, string? Id);

    private static int Run(ParseResult parseResult, Arguments a)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        int Usage(string message)
        {
            stderr.WriteLine($"adrn regress: {message}");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(a.Data)) return Usage("--data FILE is required (.arrow, .csv or .parquet).");
        if (a.Formula is null || a.Formula.Length == 0 || a.Formula.Any(string.IsNullOrWhiteSpace))
            return Usage("--formula is required, e.g. --formula \"y ~ x1 + x2 | firm\".");
        if (!File.Exists(a.Data)) return Usage($"data file '{a.Data}' does not exist.");

        VcovSpec spec;
        List<Formula> formulas;
        TableFormat tableFormat;
        TableFormat? fileFormat;
        try
        {
            spec = a.Vcov is null ? VcovSpec.Default : VcovSpec.Parse(a.Vcov);
            formulas = [.. a.Formula.SelectMany(StepwiseFormula.Expand).Select(Formula.Parse)];
            fileFormat = a.Out is null ? null : Path.GetExtension(a.Out).ToUpperInvariant() switch
            {
                ".JSON" => null,
                ".TEX" or ".LATEX" => TableFormat.Latex,
                ".HTML" or ".HTM" => TableFormat.Html,
                ".MD" or ".MARKDOWN" => TableFormat.Markdown,
                ".TXT" => TableFormat.Text,
                _ => throw new FormatException($"--out '{a.Out}': use a file ending in .tex, .html, .md, .txt (the table) or .json (the coefficients)."),
            };
            tableFormat = (a.Format ?? "text").ToUpperInvariant() switch
            {
                "TEXT" => TableFormat.Text,
                "MARKDOWN" or "MD" => TableFormat.Markdown,
                "HTML" => TableFormat.Html,
                "LATEX" or "TEX" => TableFormat.Latex,
                _ => throw new FormatException($"unknown --format '{a.Format}'; use text, markdown, html or latex."),
            };
        }
        catch (FormatException ex)
        {
            return Usage(ex.Message);
        }

        RegressionData table;
        try
        {
            table = RegressionData.Load(a.Data);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FormatException or IOException)
        {
            return Usage($"cannot read '{a.Data}': {ex.Message}");
        }

        var missing = formulas.SelectMany(f => f.Variables()).Concat(spec.ClusterVariables.SelectMany(c => c.Split('^')))
            .Concat(a.Weights is null ? [] : [a.Weights]).Where(v => !table.ColumnNames.Contains(v)).Distinct().ToList();
        if (missing.Count > 0)
            return Usage($"column(s) {string.Join(", ", missing)} not in '{a.Data}'. Available: {string.Join(", ", table.ColumnNames)}.");

        var results = new List<RegressionResult>();
        try
        {
            for (var m = 0; m < formulas.Count; m++)
                results.Add(Regression.Fit(table, formulas[m], new RegressionOptions { Vcov = spec, Weights = a.Weights, OutputId = formulas.Count == 1 ? a.Id : a.Id is null ? null : $"{a.Id}-{m + 1}" }));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException or ArithmeticException)
        {
            stderr.WriteLine($"adrn regress: the model could not be fitted: {ex.Message}");
            return 1;
        }

        var rendered = ModelTable.Render(results, tableFormat);
        stdout.Write(rendered);
        for (var m = 0; m < results.Count; m++)
        {
            var result = results[m];
            var label = results.Count == 1 ? string.Empty : $"({m + 1}) ";
            if (result.RemovedMissing > 0 || result.RemovedSingletons > 0 || result.DroppedCollinear.Count > 0)
                stdout.WriteLine($"NOTE: {label}{result.RemovedMissing} observation(s) removed for missing values, {result.RemovedSingletons} singleton(s) removed; " +
                                 $"collinear and dropped: {(result.DroppedCollinear.Count == 0 ? "none" : string.Join(", ", result.DroppedCollinear))}.");
            stdout.WriteLine(label + result.Check);
            if (result.Check.Status != OutputStatus.Pass)
                stderr.WriteLine($"adrn regress: {label}output check {result.Check.Status.ToString().ToUpperInvariant()}: do not release this output as it is.");
        }

        foreach (var warning in ClusterWarning.For(results)) stderr.WriteLine($"adrn regress: warning: {warning}");

        var sha = OutputLog.Sha256Hex(rendered);
        try
        {
            if (a.Log is not null) foreach (var result in results) new OutputLog(a.Log).Record(result.Check, rendered);
            if (a.Out is not null)
            {
                var content = fileFormat is { } f ? ModelTable.Render(results, f)
                    : results.Count == 1 ? ToJson(results[0], a.Data, sha).ToJsonString(JsonOptions) + "\n"
                    : new JsonObject { ["models"] = new JsonArray([.. results.Select(r => (JsonNode)ToJson(r, a.Data, sha))]) }.ToJsonString(JsonOptions) + "\n";
                File.WriteAllText(a.Out, content, new UTF8Encoding(false));
            }
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"adrn regress: cannot write output: {ex.Message}");
            return 1;
        }

        return 0;
    }

    private static JsonObject ToJson(RegressionResult r, string dataPath, string sha256)
    {
        static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
        var coefficients = new JsonArray();
        foreach (var c in r.Coefficients)
        {
            coefficients.Add(new JsonObject
            {
                ["term"] = c.Term,
                ["estimate"] = Number(c.Estimate),
                ["std_error"] = Number(c.StdError),
                ["t_stat"] = Number(c.TStat),
                ["p_value"] = Number(c.PValue),
                ["ci_low"] = Number(c.CiLow),
                ["ci_high"] = Number(c.CiHigh),
            });
        }

        var json = new JsonObject
        {
            ["data"] = dataPath,
            ["formula"] = r.Formula.Text,
            ["vcov"] = r.Vcov.ToString(),
            ["vcov_description"] = r.VcovDescription,
            ["weights"] = r.Weights,
            ["n"] = r.N,
            ["removed_missing"] = r.RemovedMissing,
            ["removed_singletons"] = r.RemovedSingletons,
            ["parameters"] = r.ParameterCount,
            ["residual_df"] = r.ResidualDf,
            ["t_df"] = r.TDistributionDf,
            ["clusters"] = new JsonArray([.. r.ClusterCounts.Select(g => (JsonNode?)JsonValue.Create(g))]),
            ["r2"] = Number(r.R2),
            ["adj_r2"] = Number(r.AdjustedR2),
            ["within_r2"] = Number(r.WithinR2),
            ["f_stat"] = Number(r.FStat),
            ["rmse"] = Number(r.Rmse),
            ["fixed_effects"] = new JsonArray([.. r.FixedEffects.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["levels"] = f.Levels })]),
            ["dropped_collinear"] = new JsonArray([.. r.DroppedCollinear.Select(d => (JsonNode?)JsonValue.Create(d))]),
            ["coefficients"] = coefficients,
            ["output_check"] = new JsonObject
            {
                ["id"] = r.Check.Id,
                ["kind"] = r.Check.Kind,
                ["status"] = r.Check.Status.ToString().ToLowerInvariant(),
                ["reasons"] = new JsonArray([.. r.Check.Reasons.Select(x => (JsonNode?)JsonValue.Create(x))]),
                ["sha256"] = sha256,
            },
        };
        return json;
    }
}
