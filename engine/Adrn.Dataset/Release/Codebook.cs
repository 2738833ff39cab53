using System.Globalization;
using System.Text;
using System.Text.Json;
using Adrn.Dataset.Tables;
using Adrn.Stats.Disclosure;

namespace Adrn.Dataset.Release;

/// <summary>
/// The release's codebook, <c>codebook.json</c> and <c>codebook.md</c>: every column of the panel (label, type, unit,
/// classification, source, derivation, waves covered, missing share overall and per wave, the link its values depend on),
/// linkage quality per wave, and the summary tables with their output checks. Its per-wave counts are a table too and are
/// checked like one: a count below the threshold is suppressed here as well.
/// </summary>
internal sealed class Codebook
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public required string Dataset { get; init; }

    public required string Kind { get; init; }

    public required string Description { get; init; }

    public required long StoreVersion { get; init; }

    public required string Unit { get; init; }

    public required IReadOnlyList<string> Waves { get; init; }

    public required IReadOnlyList<CodebookVariable> Variables { get; init; }

    public required IReadOnlyList<LinkQuality> Linkage { get; init; }

    public required long Rows { get; init; }

    /// <summary>
    /// Per-wave non-missing counts of every column, checked as a frequency table; returns the check and, per column and
    /// wave, the count as published (null where suppressed).
    /// </summary>
    public static (OutputCheck Check, long?[][] Published) CheckCounts(IReadOnlyList<ColumnBuffer> columns, IReadOnlyList<string> rowWaves, IReadOnlyList<string> waves)
    {
        var counts = new long[columns.Count][];
        var waveIndex = waves.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            counts[c] = new long[waves.Count];
            for (var r = 0; r < rowWaves.Count; r++)
                if (columns[c].HasValue(r)) counts[c][waveIndex[rowWaves[r]]]++;
        }

        var cells = new List<FrequencyCell>();
        for (var c = 0; c < columns.Count; c++)
            for (var w = 0; w < waves.Count; w++)
                cells.Add(new FrequencyCell($"{columns[c].Name} / {waves[w]}", counts[c][w]));
        var check = OutputChecker.CheckFrequencyTable("codebook", cells).Suppress();
        var published = new long?[columns.Count][];
        for (var c = 0; c < columns.Count; c++)
        {
            published[c] = new long?[waves.Count];
            for (var w = 0; w < waves.Count; w++) published[c][w] = check.Cells[c * waves.Count + w].Suppressed ? null : counts[c][w];
        }

        return (check.Check, published);
    }

    public void Write(string directory, IReadOnlyList<(string Name, string File, string Label, OutputCheck Check)> tables, IReadOnlyList<string> dataFiles)
    {
        File.WriteAllText(Path.Combine(directory, "codebook.json"), Json(tables, dataFiles), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(directory, "codebook.md"), Markdown(tables, dataFiles), new UTF8Encoding(false));
    }

    private string Json(IReadOnlyList<(string Name, string File, string Label, OutputCheck Check)> tables, IReadOnlyList<string> dataFiles)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("dataset", Dataset);
            w.WriteString("release", Kind);
            w.WriteString("description", Description);
            w.WriteNumber("store_version", StoreVersion);
            w.WriteString("unit", Unit);
            w.WriteNumber("rows", Rows);
            w.WriteStartArray("files");
            foreach (var f in dataFiles) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteStartArray("waves");
            foreach (var wave in Waves) w.WriteStringValue(wave);
            w.WriteEndArray();
            w.WriteStartArray("variables");
            foreach (var v in Variables)
            {
                w.WriteStartObject();
                w.WriteString("name", v.Name);
                w.WriteString("label", v.Label);
                w.WriteString("type", v.Type);
                w.WriteString("unit", v.Unit);
                w.WriteString("classification", v.Classification);
                w.WriteString("source", v.Source);
                w.WriteString("derivation", v.Derivation);
                w.WriteString("linkage", v.Linkage);
                w.WriteStartArray("waves_covered");
                foreach (var wave in v.WavesCovered) w.WriteStringValue(wave);
                w.WriteEndArray();
                WriteNullable(w, "missing_share", v.MissingShare);
                w.WriteStartArray("by_wave");
                foreach (var b in v.ByWave)
                {
                    w.WriteStartObject();
                    w.WriteString("wave", b.Wave);
                    WriteNullable(w, "non_missing", b.NonMissing);
                    WriteNullable(w, "missing_share", b.MissingShare);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                // The quality of the link the variable's values depend on, wave by wave (empty for the row's own values).
                w.WriteStartArray("linkage_quality_by_wave");
                foreach (var q in LinkageOf(v))
                {
                    w.WriteStartObject();
                    w.WriteString("wave", q.Wave);
                    WriteNullable(w, "link_rate", q.LinkRate);
                    WriteNullable(w, "mean_match_probability", q.MeanProbability);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("linkage_quality");
            foreach (var q in Linkage)
            {
                w.WriteStartObject();
                w.WriteString("source", q.Source);
                w.WriteString("wave", q.Wave);
                w.WriteString("spine", q.Spine);
                WriteNullable(w, "records", q.Records);
                WriteNullable(w, "linked", q.Linked);
                WriteNullable(w, "link_rate", q.LinkRate);
                WriteNullable(w, "mean_match_probability", q.MeanProbability);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tables");
            foreach (var t in tables)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("file", t.File);
                w.WriteString("label", t.Label);
                w.WriteString("status", t.Check.Status.ToString().ToLowerInvariant());
                w.WriteStartArray("reasons");
                foreach (var r in t.Check.Reasons) w.WriteStringValue(r);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("output_checks", "output_checks.jsonl");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private string Markdown(IReadOnlyList<(string Name, string File, string Label, OutputCheck Check)> tables, IReadOnlyList<string> dataFiles)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"# Codebook: {Dataset} ({Kind} release)");
        sb.AppendLine();
        sb.AppendLine(Description);
        sb.AppendLine();
        sb.AppendLine(ci, $"Store version {StoreVersion}. Unit: {Unit}. Rows: {Rows:N0}. Waves: {string.Join(", ", Waves)}. Files: {string.Join(", ", dataFiles)}.");
        sb.AppendLine();
        sb.AppendLine("## Variables");
        sb.AppendLine();
        sb.AppendLine("| name | label | type | unit | classification | source | derivation | waves covered | missing share | linkage |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var v in Variables)
        {
            sb.AppendLine(ci, $"| {v.Name} | {Cell(v.Label)} | {v.Type} | {Cell(v.Unit)} | {v.Classification} | {v.Source} | {Cell(v.Derivation)} | {string.Join(" ", v.WavesCovered)} | {Share(v.MissingShare)} | {v.Linkage} |");
        }

        sb.AppendLine();
        sb.AppendLine("Missing share by wave (a count below the disclosure threshold is suppressed):");
        sb.AppendLine();
        sb.AppendLine("| name | " + string.Join(" | ", Waves) + " |");
        sb.AppendLine("|---|" + string.Concat(Waves.Select(_ => "---|")));
        foreach (var v in Variables) sb.AppendLine($"| {v.Name} | " + string.Join(" | ", v.ByWave.Select(b => Share(b.MissingShare))) + " |");
        sb.AppendLine();
        sb.AppendLine("## Linkage quality per wave");
        sb.AppendLine();
        sb.AppendLine("Link rate: share of the wave's records linked to an entity already in the spine. Mean match probability: the linkage model's own estimate of precision among the linked records.");
        sb.AppendLine();
        sb.AppendLine("| source | wave | spine | records | linked | link rate | mean match probability |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var q in Linkage)
            sb.AppendLine(ci, $"| {q.Source} | {q.Wave} | {q.Spine} | {Count(q.Records)} | {Count(q.Linked)} | {Share(q.LinkRate)} | {(q.MeanProbability is { } p ? p.ToString("F4", ci) : "-")} |");
        sb.AppendLine();
        sb.AppendLine("## Summary tables and their output checks");
        sb.AppendLine();
        sb.AppendLine("| table | file | status | reasons |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var t in tables)
            sb.AppendLine(ci, $"| {Cell(t.Label.Length > 0 ? t.Label : t.Name)} | {t.File} | {t.Check.Status.ToString().ToLowerInvariant()} | {Cell(string.Join("; ", t.Check.Reasons))} |");
        sb.AppendLine();
        sb.AppendLine("Every check is recorded with the SHA-256 of the text checked in `output_checks.jsonl`; `manifest.json` lists the SHA-256 of every file.");
        return sb.ToString();

        static string Cell(string text) => text.Replace("|", "/", StringComparison.Ordinal);
        string Share(double? share) => share is { } s ? s.ToString("P2", ci) : "suppressed";
        string Count(long? count) => count is { } c ? c.ToString("N0", ci) : "suppressed";
    }

    private IEnumerable<LinkQuality> LinkageOf(CodebookVariable v) =>
        v.Linkage.Split("->") is [var source, var spine] ? Linkage.Where(q => q.Source == source && q.Spine == spine) : [];

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}

/// <summary>One column in the codebook.</summary>
internal sealed record CodebookVariable(string Name, string Label, string Type, string Unit, string Classification, string Source, string Derivation,
    string Linkage, IReadOnlyList<string> WavesCovered, double? MissingShare, IReadOnlyList<(string Wave, long? NonMissing, double? MissingShare)> ByWave);

/// <summary>Linkage quality of one wave and spine as published (null where a count was suppressed).</summary>
internal sealed record LinkQuality(string Source, string Wave, string Spine, long? Records, long? Linked, double? LinkRate, double? MeanProbability);
