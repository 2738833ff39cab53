using System.CommandLine;
using System.Globalization;
using Adrn.Linkage.Evaluation;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn evaluate --links FILE --truth FILE [--threshold P]</c>: precision, recall and F1 of a links
/// output against a truth file of pairs, and a precision–recall table across thresholds; without
/// truth (<c>--truth</c> omitted), the model's own estimate of false and missed matches.
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the <c>evaluate</c> command.</summary>
    public static Command Create()
    {
        var links = new Option<string>("--links") { Description = "A links output of adrn link (.arrow, .csv or .parquet).", Required = true };
        var truth = new Option<string?>("--truth") { Description = "CSV of true pairs (two id columns, e.g. record_id,employer_id). Omit for the model's own estimate." };
        var threshold = new Option<double>("--threshold") { Description = "Match probability at which a pair counts as a link (0..1).", DefaultValueFactory = _ => 0.5 };
        var command = new Command("evaluate", "Precision, recall and F1 of links against truth, with a precision–recall table across thresholds.")
        {
            links, truth, threshold,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var linksPath = parseResult.GetValue(links)!;
            var truthPath = parseResult.GetValue(truth);
            var p = parseResult.GetValue(threshold);
            if (!File.Exists(linksPath)) throw new UsageException($"--links '{linksPath}' does not exist.");
            if (truthPath is not null && !File.Exists(truthPath)) throw new UsageException($"--truth '{truthPath}' does not exist.");
            if (p is < 0 or > 1 || double.IsNaN(p)) throw new UsageException($"--threshold must be between 0 and 1 (got {p.ToString(CultureInfo.InvariantCulture)}).");

            var report = LinkEvaluation.Evaluate(linksPath, truthPath, p);
            Write(stdout, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(TextWriter stdout, EvaluationReport r)
    {
        static string F(double? x, string format) => x is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Threshold {r.Threshold:0.###}: {r.PredictedLinks:N0} links"));
        if (r.Precision is not null)
        {
            stdout.WriteLine($"  precision {F(r.Precision, "0.0000")}  recall {F(r.Recall, "0.0000")}  F1 {F(r.F1, "0.0000")}  " +
                             $"(TP {F(r.TruePositives, "N0")}, FP {F(r.FalsePositives, "N0")}, FN {F(r.FalseNegatives, "N0")}, truth pairs {F(r.TruthPairs, "N0")})");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  model's own estimate: {r.ExpectedFalseLinks:N1} false links{(r.ExpectedMissedMatches is { } m ? string.Create(CultureInfo.InvariantCulture, $", {m:N1} missed matches") : string.Empty)}"));
        if (r.PrecisionRecall.Count > 0)
        {
            stdout.WriteLine("  threshold  links      precision  recall   F1");
            foreach (var t in r.PrecisionRecall)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {t.Threshold,9:0.###}  {t.Predicted,9:N0}  {F(t.Precision, "0.0000"),9}  {F(t.Recall, "0.0000"),7}  {F(t.F1, "0.0000"),6}"));
            }
        }
    }
}
