using System.Globalization;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Linking;

/// <summary>
/// The ledger of one wave of one source for one spine (one row per record, in file order): <c>source</c>,
/// <c>record_id</c>, <c>wave</c>, <c>entity_type</c> (the spine), <c>entity_id</c>, <c>match_probability</c>, <c>rule</c>
/// (the blocking rule that made the deciding pair a candidate), <c>model</c> (e.g. <c>payroll->person/link@1</c>) and
/// <c>method</c> (<see cref="RecordAssignment"/>). Part of the identifiable store: never released.
/// </summary>
internal static class LedgerTable
{
    public static readonly string[] Columns = ["source", "record_id", "wave", "entity_type", "entity_id", "match_probability", "rule", "model", "method"];

    public static void Write(string path, string source, string wave, string spine, IReadOnlyList<RecordAssignment> rows)
    {
        var c = new[]
        {
            new ColumnBuffer("source", VariableType.Text, false), new ColumnBuffer("record_id", VariableType.Text, false),
            new ColumnBuffer("wave", VariableType.Text, false), new ColumnBuffer("entity_type", VariableType.Text, false),
            new ColumnBuffer("entity_id", VariableType.Text), new ColumnBuffer("match_probability", VariableType.Double),
            new ColumnBuffer("rule", VariableType.Text), new ColumnBuffer("model", VariableType.Text), new ColumnBuffer("method", VariableType.Text, false),
        };
        foreach (var r in rows)
        {
            c[0].Add(source);
            c[1].Add(r.RecordId);
            c[2].Add(wave);
            c[3].Add(spine);
            c[4].Add(r.EntityId);
            c[5].Add(r.Probability);
            c[6].Add(r.Rule);
            c[7].Add(r.Model);
            c[8].Add(r.Method);
        }

        ArrowTableFile.Write(path, c);
    }

    public static IReadOnlyList<RecordAssignment> Read(string path)
    {
        var t = ArrowTableFile.Read(path, ["record_id", "entity_id", "match_probability", "rule", "model", "method"]);
        var ids = t.Column("record_id");
        var entities = t.Column("entity_id");
        var probabilities = t.Column("match_probability");
        var rules = t.Column("rule");
        var models = t.Column("model");
        var methods = t.Column("method");
        var list = new List<RecordAssignment>(t.RowCount);
        for (var i = 0; i < t.RowCount; i++)
        {
            double? p = probabilities[i] is { } s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
            list.Add(new RecordAssignment(ids[i]!, entities[i], p, rules[i], models[i], methods[i]!));
        }

        return list;
    }
}
