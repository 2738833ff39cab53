using Adrn.Dataset.Spec;

namespace Adrn.Dataset.Linking;

/// <summary>
/// The raw values of representatives, read from their records in the waves' files (the store keeps every wave's input
/// as an object), each file read at most once per operation. Only a link job
/// whose prepared spine lags the spine reads them (<see cref="PreparedSpine.Synchronise"/>), for the representatives
/// it has not prepared yet.
/// </summary>
internal sealed class RepresentativeValues(DatasetSpec spec, IReadOnlyDictionary<(string Source, string Wave), string> waveFiles)
{
    private readonly Dictionary<(string Source, string Wave), string> _files = new(waveFiles);
    private readonly Dictionary<(string Source, string Wave), WaveRecords> _read = [];

    /// <summary>Adds the file of the wave being linked.</summary>
    public void Add(string source, string wave, string path)
    {
        lock (_read) _files[(source, wave)] = path;
    }

    /// <summary>Per representative (in the order given), the raw value of every column of <paramref name="spine"/> (null where its source does not fill one).</summary>
    /// <exception cref="InvalidDataException">A representative's wave is not in the store, or its record is not in the wave.</exception>
    public string?[][] Of(SpineSpec spine, IReadOnlyList<SpineTable.Representative> representatives)
    {
        var result = new string?[representatives.Count][];
        foreach (var group in representatives.Select((r, i) => (Key: SpineTable.SplitKey(r.RecordKey), Representative: r, Index: i)).GroupBy(x => (x.Key.Source, x.Key.Wave)))
        {
            var map = spine.Representatives.First(r => r.Source == group.Key.Source).Columns;
            var records = Records(group.Key.Source, group.Key.Wave);
            foreach (var ((_, _, recordId), r, i) in group)
            {
                var row = records.IndexOf(recordId);
                if (row < 0) throw new InvalidDataException($"representative {r.RecordKey} of spine '{spine.Name}' is not a record of {group.Key.Source} wave {group.Key.Wave}; the store is damaged.");
                var values = new string?[spine.Columns.Count];
                for (var c = 0; c < values.Length; c++) values[c] = map.TryGetValue(spine.Columns[c], out var file) ? records.Value(row, file) : null;
                result[i] = values;
            }
        }

        return result;
    }

    /// <summary>The columns a source's records fill in the spines it represents (what the wave being linked reads too).</summary>
    public static IEnumerable<string> ColumnsOf(DatasetSpec spec, string source) =>
        spec.Spines.SelectMany(s => s.Representatives).Where(r => r.Source == source).SelectMany(r => r.Columns.Values).Distinct(StringComparer.Ordinal);

    // Links of different spines may ask side by side: each file is read once, under the lock.
    private WaveRecords Records(string source, string wave)
    {
        lock (_read)
        {
            if (_read.TryGetValue((source, wave), out var records)) return records;
            if (!_files.TryGetValue((source, wave), out var path)) throw new InvalidDataException($"{source} wave {wave} holds a representative but is not in the store; the store is damaged.");
            return _read[(source, wave)] = WaveRecords.Read(path, spec.Source(source).IdColumn, ColumnsOf(spec, source));
        }
    }
}
