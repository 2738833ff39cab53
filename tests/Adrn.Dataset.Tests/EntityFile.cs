using System.Globalization;

namespace Adrn.Dataset.Tests;

/// <summary>
/// Reads <c>entities.csv</c> exports and <c>truth/wave_entities.csv</c> (plain comma-separated ids, no quoting needed), and
/// scores entity ids against the truth by pairwise precision, recall and F1: two records are a predicted pair when they
/// share an entity id and a true pair when they share a true entity id (records without an entity are alone).
/// </summary>
internal static class EntityFile
{
    public sealed record Row(string Source, string RecordId, string Wave, string EntityType, string? EntityId, double? Probability)
    {
        public string Key => $"{Source}|{Wave}|{RecordId}|{EntityType}";
    }

    public static List<Row> Read(string path)
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            rows.Add(new Row(f[0], f[1], f[2], f[3], f[4].Length == 0 ? null : f[4],
                f.Length > 5 && f[5].Length > 0 ? double.Parse(f[5], CultureInfo.InvariantCulture) : null));
        }

        return rows;
    }

    public static (double Precision, double Recall, double F1, long TruePairs) PairwiseF1(IReadOnlyList<Row> store, IReadOnlyList<Row> truth, string entityType)
    {
        var truthByKey = truth.Where(t => t.EntityType == entityType).ToDictionary(t => t.Key, t => t.EntityId!);
        var predicted = store.Where(s => s.EntityType == entityType).ToList();
        Assert.Equal(truthByKey.Count, predicted.Count);
        var cells = new Dictionary<(string, string), long>();
        var byPredicted = new Dictionary<string, long>();
        var byTruth = new Dictionary<string, long>();
        foreach (var s in predicted)
        {
            var t = truthByKey[s.Key];
            byTruth[t] = byTruth.GetValueOrDefault(t) + 1;
            if (s.EntityId is null) continue;
            byPredicted[s.EntityId] = byPredicted.GetValueOrDefault(s.EntityId) + 1;
            cells[(s.EntityId, t)] = cells.GetValueOrDefault((s.EntityId, t)) + 1;
        }

        static long Pairs(long n) => n * (n - 1) / 2;
        var tp = cells.Values.Sum(Pairs);
        var pp = byPredicted.Values.Sum(Pairs);
        var tt = byTruth.Values.Sum(Pairs);
        var precision = pp == 0 ? 1 : (double)tp / pp;
        var recall = tt == 0 ? 1 : (double)tp / tt;
        return (precision, recall, 2 * precision * recall / (precision + recall), tt);
    }
}
