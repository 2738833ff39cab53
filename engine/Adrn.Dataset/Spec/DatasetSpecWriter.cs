using System.Text.Json;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Spec;

/// <summary>Writes a spec as JSON with every linkage job inlined, the form kept in the store; the parser reads it back.</summary>
internal static class DatasetSpecWriter
{
    private static readonly JsonDocumentOptions JobOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static string Write(DatasetSpec spec)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", spec.Name);
            w.WriteString("description", spec.Description);
            w.WriteStartArray("spines");
            foreach (var s in spec.Spines)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("label", s.Label);
                w.WriteString("id_prefix", s.IdPrefix);
                w.WriteStartArray("columns");
                foreach (var c in s.Columns) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteStartArray("representatives");
                foreach (var r in s.Representatives)
                {
                    w.WriteStartObject();
                    w.WriteString("source", r.Source);
                    WriteMap(w, "columns", r.Columns);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("sources");
            foreach (var s in spec.Sources)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("label", s.Label);
                w.WriteString("id_column", s.IdColumn);
                WriteMap(w, "classifications", s.Classifications.ToDictionary(kv => kv.Key, kv => kv.Value.ToConfigName()));
                w.WriteStartArray("links");
                foreach (var l in s.Links)
                {
                    w.WriteStartObject();
                    w.WriteString("spine", l.Spine);
                    w.WritePropertyName("job");
                    using (var job = JsonDocument.Parse(l.JobJson, JobOptions)) job.RootElement.WriteTo(w);
                    w.WriteBoolean("mint", l.Mint);
                    w.WriteBoolean("dedupe_within_wave", l.DedupeWithinWave);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteRelease(w, spec.Release);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRelease(Utf8JsonWriter w, ReleaseSpec r)
    {
        w.WriteStartObject("release");
        w.WriteStartObject("panel");
        w.WriteString("source", r.PanelSource);
        WriteMap(w, "keys", r.Keys);
        WriteMap(w, "probabilities", r.Probabilities);
        w.WriteEndObject();
        w.WriteStartArray("variables");
        foreach (var v in r.Variables)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            w.WriteString("label", v.Label);
            w.WriteString("type", v.Type switch { VariableType.Int32 => "int32", VariableType.Double => "double", _ => "text" });
            if (v.Unit.Length > 0) w.WriteString("unit", v.Unit);
            w.WriteString("source", v.Source);
            w.WriteString("column", v.Column);
            w.WriteString("derive", v.Derive switch
            {
                VariableDerivation.YearOf => "year_of",
                VariableDerivation.Age => "age",
                VariableDerivation.Log => "log",
                VariableDerivation.LogRatio => "log_ratio",
                _ => "copy",
            });
            if (v.With is not null) w.WriteString("with", v.With);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("tables");
        foreach (var t in r.Tables)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteString("label", t.Label);
            w.WriteString("kind", t.Kind == SummaryTableKind.Magnitude ? "magnitude" : "frequency");
            w.WriteStartArray("by");
            foreach (var b in t.By) w.WriteStringValue(b);
            w.WriteEndArray();
            if (t.Value is not null) w.WriteString("value", t.Value);
            if (t.Unit is not null) w.WriteString("unit", t.Unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (r.Cohort is { } c)
        {
            w.WriteStartObject("cohort");
            w.WriteString("source", c.Source);
            w.WriteString("spine", c.Spine);
            w.WriteString("probability", c.Probability);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map) w.WriteString(k, v);
        w.WriteEndObject();
    }
}
