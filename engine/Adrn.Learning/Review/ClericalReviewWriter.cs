using System.Globalization;
using System.Net;
using System.Text;
using Adrn.Learning.Labels;
using Adrn.Linkage.Scoring;
using Adrn.Tables;

namespace Adrn.Learning.Review;

/// <summary>
/// Writes a clerical-review pack into a folder: <c>review-sample.csv</c> (one row per pair, both records side by side,
/// an empty <c>label</c> column to fill with 1/0), <c>review-sample.html</c> (the same pairs with each pair's
/// Fellegi–Sunter waterfall, self-contained: inline CSS and SVG, no scripts or external resources) and
/// <c>review-sample.json</c> (the sample manifest, needed for precision estimates).
/// </summary>
public static class ClericalReviewWriter
{
    /// <summary>Review sheet file name.</summary>
    public const string SheetFileName = "review-sample.csv";

    /// <summary>Review page file name.</summary>
    public const string PageFileName = "review-sample.html";

    /// <summary>Writes the pack.</summary>
    /// <param name="workspace">The job's workspace (records and Fellegi–Sunter model).</param>
    /// <param name="sample">The sample.</param>
    /// <param name="directory">Destination folder (created if missing).</param>
    /// <returns>Paths written: sheet, page, manifest.</returns>
    public static IReadOnlyList<string> Write(LinkageWorkspace workspace, ClericalSample sample, string directory)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var lookup = workspace.Lookup;
        var rows = new List<(ClericalSamplePair Pair, int Left, int Right, MatchWeightExplanation Explanation)>();
        foreach (var pair in sample.Pairs)
        {
            var l = lookup.FindLeft(pair.IdLeft);
            var r = lookup.FindRight(pair.IdRight);
            if (l < 0 || r < 0) throw new InvalidDataException($"sample pair ({pair.IdLeft}, {pair.IdRight}) names a record that is not in the job's data");
            rows.Add((pair, l, r, workspace.Scoring.Explain(l, r)));
        }

        var sheet = Path.Combine(directory, SheetFileName);
        var page = Path.Combine(directory, PageFileName);
        var manifest = Path.Combine(directory, ClericalSample.ManifestFileName);
        WriteSheet(sheet, workspace, sample, rows);
        WritePage(page, workspace, sample, rows);
        sample.Save(manifest);
        return [sheet, page, manifest];
    }

    private static string StratumName(ClericalSample sample, int s) => s >= 0 && s < sample.Strata.Count ? sample.Strata[s].Name : "uncertain";

    private static void WriteSheet(string path, LinkageWorkspace workspace, ClericalSample sample,
        List<(ClericalSamplePair Pair, int Left, int Right, MatchWeightExplanation Explanation)> rows)
    {
        var records = workspace.Prepared.Records;
        using var w = CsvWriter.Create(path);
        var header = new List<string> { "pair", "stratum", "id_l", "id_r", "source_l", "source_r", "match_probability", "fs_match_weight", "fs_match_probability" };
        foreach (var c in records.Columns)
        {
            header.Add(c.Name + "_l");
            header.Add(c.Name + "_r");
        }

        foreach (var c in workspace.Comparisons.Configs) header.Add("gamma_" + c.Name);
        header.Add("label");
        w.WriteRecord([.. header]);
        var n = 0;
        foreach (var (pair, l, r, ex) in rows)
        {
            var fields = new List<string>
            {
                (++n).ToString(CultureInfo.InvariantCulture),
                StratumName(sample, pair.Stratum),
                pair.IdLeft,
                pair.IdRight,
                records.SourceNames[records.SourceOf(l)],
                records.SourceNames[records.SourceOf(r)],
                pair.Probability.ToString("0.######", CultureInfo.InvariantCulture),
                ex.MatchWeight.ToString("0.###", CultureInfo.InvariantCulture),
                ex.MatchProbability.ToString("0.######", CultureInfo.InvariantCulture),
            };
            foreach (var c in records.Columns)
            {
                fields.Add(c.ValueOf(l) ?? string.Empty);
                fields.Add(c.ValueOf(r) ?? string.Empty);
            }

            foreach (var c in ex.Comparisons) fields.Add(c.Gamma.ToString(CultureInfo.InvariantCulture));
            fields.Add(string.Empty);
            w.WriteRecord([.. fields]);
        }
    }

    private static void WritePage(string path, LinkageWorkspace workspace, ClericalSample sample,
        List<(ClericalSamplePair Pair, int Left, int Right, MatchWeightExplanation Explanation)> rows)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var records = workspace.Prepared.Records;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Clerical review: ").Append(E(workspace.Config.Name)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:#222}")
            .Append("section{border:1px solid #ccc;border-radius:6px;padding:0.8em 1em;margin:1em 0;page-break-inside:avoid}")
            .Append("table{border-collapse:collapse;margin:0.4em 0}td,th{border:1px solid #ddd;padding:2px 8px;font-size:13px;text-align:left}")
            .Append("th{background:#f3f3f3}.agree{background:#e8f5e9}.differ{background:#fdecea}.null{color:#999}")
            .Append(".meta{color:#555;font-size:13px}.decision{margin-top:0.4em;font-size:13px}\n</style></head><body>\n");
        sb.Append("<h1>Clerical review: ").Append(E(workspace.Config.Name)).Append("</h1>\n<p class=\"meta\">")
            .Append(CultureInfo.InvariantCulture, $"{rows.Count} pairs, strategy {E(sample.Strategy.ToString().ToLowerInvariant())}, scorer {E(sample.Scorer)}, threshold {sample.Threshold:0.###}")
            .Append(". Record each decision in the <code>label</code> column of <code>").Append(SheetFileName)
            .Append("</code> (1 = same entity, 0 = different) and import it with <code>adrn review import</code>.</p>\n");
        if (sample.Strata.Count > 0)
        {
            sb.Append("<table><tr><th>stratum</th><th>links</th><th>sampled</th></tr>");
            foreach (var s in sample.Strata)
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Name)}</td><td>{s.Population}</td><td>{s.Sampled}</td></tr>");
            sb.Append("</table>\n");
        }

        var n = 0;
        foreach (var (pair, l, r, ex) in rows)
        {
            n++;
            sb.Append(CultureInfo.InvariantCulture, $"<section id=\"pair-{n}\"><h2>Pair {n}: {E(pair.IdLeft)} ({E(records.SourceNames[records.SourceOf(l)])}) — {E(pair.IdRight)} ({E(records.SourceNames[records.SourceOf(r)])})</h2>");
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">stratum {E(StratumName(sample, pair.Stratum))}; {E(sample.Scorer)} probability {pair.Probability:0.0000}; Fellegi–Sunter match weight {ex.MatchWeight:0.00} (probability {ex.MatchProbability:0.0000})</p>");
            sb.Append("<table><tr><th>field</th><th>left</th><th>right</th></tr>");
            foreach (var c in records.Columns)
            {
                var a = c.ValueOf(l);
                var b = c.ValueOf(r);
                var cls = a is null || b is null ? "null" : a == b ? "agree" : "differ";
                sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"{cls}\"><td>{E(c.Name)}</td><td>{E(a ?? "(missing)")}</td><td>{E(b ?? "(missing)")}</td></tr>");
            }

            sb.Append("</table><table><tr><th>comparison</th><th>level</th><th>weight</th><th>tf adjustment</th></tr>");
            foreach (var c in ex.Comparisons)
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Comparison)}</td><td>{E(c.Label)} (γ={c.Gamma})</td><td>{c.Weight:0.00}</td><td>{c.TermFrequencyAdjustment:0.00}</td></tr>");
            sb.Append("</table>");
            sb.Append(WaterfallSvg.Draw(ex));
            sb.Append("<p class=\"decision\">Decision: ☐ match ☐ non-match</p></section>\n");
        }

        sb.Append("</body></html>\n");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }
}
