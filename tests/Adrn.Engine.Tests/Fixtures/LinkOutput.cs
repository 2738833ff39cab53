using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>Reads a finished job's outputs into comparable values.</summary>
internal static class LinkOutput
{
    /// <summary>
    /// Every row of an Arrow pairs/links file as one string (ids, sources, exact weight and
    /// probability, gammas), in file order, which is the documented sort (id_l, id_r).
    /// </summary>
    public static List<string> Rows(string arrowPath)
    {
        var rows = new List<string>();
        using var stream = File.OpenRead(arrowPath);
        using var reader = new ArrowFileReader(stream);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var schema = batch.Schema;
                for (var i = 0; i < batch.Length; i++)
                {
                    var cells = new List<string>();
                    for (var c = 0; c < schema.FieldsList.Count; c++)
                    {
                        cells.Add(schema.FieldsList[c].Name + "=" + Cell(batch.Column(c), i));
                    }

                    rows.Add(string.Join('|', cells));
                }
            }
        }

        return rows;
    }

    /// <summary>An Arrow file's schema as text: each field's name, type and nullability, in order.</summary>
    public static string SchemaOf(string arrowPath)
    {
        using var stream = File.OpenRead(arrowPath);
        using var reader = new ArrowFileReader(stream);
        return string.Join("; ", reader.Schema.FieldsList.Select(f => $"{f.Name}:{f.DataType.Name}{(f.IsNullable ? "?" : "")}"));
    }

    /// <summary>(id_l, id_r) of each row.</summary>
    public static List<(string Left, string Right)> IdPairs(string arrowPath)
    {
        var pairs = new List<(string, string)>();
        using var stream = File.OpenRead(arrowPath);
        using var reader = new ArrowFileReader(stream);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var left = (StringArray)batch.Column("id_l");
                var right = (StringArray)batch.Column("id_r");
                for (var i = 0; i < batch.Length; i++)
                {
                    pairs.Add((left.GetString(i), right.GetString(i)));
                }
            }
        }

        return pairs;
    }

    private static string Cell(IArrowArray array, int i) => array switch
    {
        StringArray s => s.GetString(i) ?? "null",
        DoubleArray d => d.GetValue(i)?.ToString("R", CultureInfo.InvariantCulture) ?? "null",
        Int8Array b => b.GetValue(i)?.ToString(CultureInfo.InvariantCulture) ?? "null",
        Int32Array n => n.GetValue(i)?.ToString(CultureInfo.InvariantCulture) ?? "null",
        Int64Array l => l.GetValue(i)?.ToString(CultureInfo.InvariantCulture) ?? "null",
        _ => throw new NotSupportedException(array.GetType().Name),
    };

    /// <summary>Asserts that two finished jobs wrote the same pairs, links and model.</summary>
    public static void AssertSameOutputs(string expectedDir, string actualDir)
    {
        var expectedPairs = Rows(Path.Combine(expectedDir, "pairs.arrow"));
        Assert.NotEmpty(expectedPairs);
        Assert.Equal(expectedPairs, Rows(Path.Combine(actualDir, "pairs.arrow")));
        Assert.Equal(Rows(Path.Combine(expectedDir, "links.arrow")), Rows(Path.Combine(actualDir, "links.arrow")));
        Assert.Equal(ModelParameters(Path.Combine(expectedDir, "model.json")), ModelParameters(Path.Combine(actualDir, "model.json")));
    }

    /// <summary>
    /// The model file without its wall-clock fields ("seconds" in the training log), which are the
    /// only part of a model that may differ between two runs of the same job.
    /// </summary>
    public static string ModelParameters(string modelPath)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(modelPath))!;
        Strip(node);
        return node.ToJsonString();

        static void Strip(System.Text.Json.Nodes.JsonNode? n)
        {
            switch (n)
            {
                case System.Text.Json.Nodes.JsonObject o:
                    o.Remove("seconds");
                    foreach (var (_, child) in o.ToList())
                    {
                        Strip(child);
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }
}
