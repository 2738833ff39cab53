using Adrn.Dataset.Catalog;
using Adrn.Dataset.Linking;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Store;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;

namespace Adrn.Dataset.Release;

/// <summary>
/// What a release must not contain: every value of every column of every wave that the spec does not classify as an
/// attribute (names, NINOs, dates of birth, postcodes, PAYE references, record ids, … and unclassified columns), and every
/// entity id of the store. A cohort release may carry its own cohort's ids (<c>exemptIdsOf</c>).
/// </summary>
internal sealed class ForbiddenValues
{
    private readonly Dictionary<string, string> _origin = new(StringComparer.Ordinal);

    /// <summary>Where a forbidden value comes from (<c>source.column</c>, or <c>entity id of spine</c>), or null when allowed.</summary>
    public string? OriginOf(string value) => _origin.TryGetValue(value, out var o) ? o : null;

    public int Count => _origin.Count;

    /// <summary>A set from explicit values (value → origin), for tests and tools.</summary>
    public static ForbiddenValues FromValues(IEnumerable<KeyValuePair<string, string>> values)
    {
        var forbidden = new ForbiddenValues();
        foreach (var (value, origin) in values) forbidden._origin.TryAdd(value, origin);
        return forbidden;
    }

    public static ForbiddenValues Of(DatasetSpec spec, StoreState state, ObjectStore objects, string? exemptIdsOf, CancellationToken ct)
    {
        var forbidden = new ForbiddenValues();
        foreach (var wave in state.Waves)
        {
            ct.ThrowIfCancellationRequested();
            var source = spec.Source(wave.Source);
            var path = objects.PathOf(wave.InputObject);
            var columns = TableHeader.Of(path)
                .Where(c => source.ClassificationOf(c) != DataClassification.Attribute)
                .Where(c => !(source.Name == exemptIdsOf && c == source.IdColumn))
                .ToList();
            if (columns.Count == 0) continue;
            var table = SourceReader.Read(path, SourceReader.FormatOf(path), columns);
            foreach (var column in columns)
                foreach (var value in table.Column(column))
                    if (value is { Length: > 1 }) forbidden._origin.TryAdd(value, $"{source.Name}.{column}");
        }

        foreach (var ledger in state.Ledgers)
            foreach (var row in LedgerTable.Read(objects.PathOf(ledger.LedgerObject)))
                if (row.EntityId is { } e) forbidden._origin.TryAdd(e, $"an entity id of the {ledger.Spine} spine");
        return forbidden;
    }
}
