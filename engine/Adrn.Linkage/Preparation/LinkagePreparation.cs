using System.Globalization;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;
using Adrn.Linkage.Standardisation;
using Adrn.Tables;

namespace Adrn.Linkage.Preparation;

/// <summary>Stage 1: read every source, quarantine bad rows, standardise and intern the job columns.</summary>
public static class LinkagePreparation
{
    /// <summary>
    /// Checks every source's header first (a missing configured column fails before any work, naming file and
    /// column), then reads the rows, quarantines rows with no id or a duplicate id, standardises each job column
    /// once per distinct raw value and interns the results into a shared value table per column.
    /// </summary>
    /// <param name="config">The job.</param>
    /// <returns>The prepared records.</returns>
    /// <exception cref="ConfigValidationException">A source lacks a configured column (all such problems listed).</exception>
    public static PreparedLinkage Prepare(LinkageJobConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CheckHeaders(config);

        var ids = new List<string>();
        var rowsOf = new List<int>();
        var sourceStart = new int[config.Sources.Count + 1];
        var quarantine = new List<QuarantineEntry>();
        var summaries = new List<SourceSummary>();
        var builders = config.Columns.Select(c => new ColumnBuilder(c)).ToArray();
        var truthColumn = config.Truth?.ClusterColumn;
        var truth = truthColumn is null ? null : new List<string?>();

        for (var s = 0; s < config.Sources.Count; s++)
        {
            var source = config.Sources[s];
            sourceStart[s] = ids.Count;
            var wanted = new List<string> { source.IdColumn };
            foreach (var c in config.Columns) wanted.Add(source.FileColumn(c.Name));
            if (source.OrderBy is not null) wanted.Add(source.OrderBy);
            if (truthColumn is not null) wanted.Add(truthColumn);
            var raw = SourceReader.Read(source, wanted.Distinct().ToList());
            var idValues = raw.Column(source.IdColumn);
            var firstEntry = quarantine.Count;
            quarantine.AddRange(MalformedRecordQuarantine.Entries(source, raw));
            var keep = SelectRows(source, raw, idValues, quarantine, out var quarantined, out var superseded);
            MalformedRecordQuarantine.SortSourceEntries(quarantine, firstEntry);

            foreach (var b in builders) b.BeginSource(source);
            var truthValues = truthColumn is null ? null : raw.Column(truthColumn);
            var columnValues = config.Columns.Select(c => raw.Column(source.FileColumn(c.Name))).ToArray();
            foreach (var row in keep)
            {
                ids.Add(idValues[row]!);
                rowsOf.Add(checked((int)raw.RecordNumber(row)));
                truth?.Add(truthValues![row]);
            }

            // Columns are independent (each builder owns its tables; the standardisers are pure), so they are
            // standardised and interned in parallel; within a column rows are added in order, so ids are stable.
            Parallel.For(0, builders.Length, c =>
            {
                var values = columnValues[c];
                var builder = builders[c];
                foreach (var row in keep) builder.Add(values[row]);
            });

            summaries.Add(new SourceSummary
            {
                Name = source.Name,
                Path = source.Path,
                RowsIn = checked((int)raw.RecordsRead),
                RowsUsed = keep.Count,
                RowsQuarantined = quarantined + raw.Malformed.Count,
                RowsSuperseded = superseded,
                UnparseableValues = builders.Where(b => b.Unparseable > 0).ToDictionary(b => b.Config.Name, b => b.Unparseable),
                RejectedValues = builders.Where(b => b.Rejected > 0).ToDictionary(b => b.Config.Name, b => b.Rejected),
            });
        }

        sourceStart[^1] = ids.Count;
        var columns = new ColumnData[builders.Length];
        Parallel.For(0, builders.Length, c => columns[c] = builders[c].Build());
        var table = new RecordTable(ids.ToArray(), sourceStart, config.Sources.Select(s => s.Name).ToList(), columns, rowsOf.ToArray());
        return new PreparedLinkage(config, table, summaries, quarantine, truth?.ToArray());
    }

    /// <summary>Checks that every source has every configured column; reports all missing columns at once.</summary>
    /// <param name="config">The job.</param>
    /// <exception cref="ConfigValidationException">Listing each missing (file, column).</exception>
    public static void CheckHeaders(LinkageJobConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        foreach (var source in config.Sources)
        {
            IReadOnlyList<string> header;
            try
            {
                header = SourceReader.ReadHeader(source);
            }
            catch (TableFormatException ex)
            {
                problems.Add($"source '{source.Name}': {ex.Message}");
                continue;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
            {
                problems.Add($"source '{source.Name}': cannot read '{source.Path}': {ex.Message}");
                continue;
            }

            void Need(string column, string role)
            {
                if (!header.Contains(column))
                    problems.Add($"source '{source.Name}': file '{source.Path}' has no column '{column}' ({role}); it has: {string.Join(", ", header)}");
            }

            Need(source.IdColumn, "id_column");
            foreach (var c in config.Columns) Need(source.FileColumn(c.Name), $"job column '{c.Name}'");
            if (source.OrderBy is not null) Need(source.OrderBy, "order_by");
            if (config.Truth?.ClusterColumn is { } tc) Need(tc, "truth.cluster_column");
        }

        if (problems.Count > 0) throw new ConfigValidationException(problems);
    }

    private static List<int> SelectRows(SourceConfig source, TextTable raw, string?[] idValues, List<QuarantineEntry> quarantine,
        out int quarantined, out int superseded)
    {
        quarantined = 0;
        superseded = 0;
        var firstRow = new Dictionary<string, int>(raw.RowCount, StringComparer.Ordinal);
        var keep = new List<int>(raw.RowCount);
        var order = source.OrderBy is null ? null : raw.Column(source.OrderBy);
        for (var row = 0; row < raw.RowCount; row++)
        {
            var id = idValues[row];
            if (id is null)
            {
                quarantine.Add(new QuarantineEntry(source.Path, checked((int)raw.RecordNumber(row)), source.IdColumn, "", "missing id"));
                quarantined++;
                continue;
            }

            if (!firstRow.TryGetValue(id, out var seen))
            {
                firstRow[id] = row;
                keep.Add(row);
                continue;
            }

            if (source.DuplicateIds == DuplicateIdPolicy.Quarantine)
            {
                quarantine.Add(new QuarantineEntry(source.Path, checked((int)raw.RecordNumber(row)), source.IdColumn, id, $"duplicate id (first seen in row {raw.RecordNumber(seen)})"));
                quarantined++;
                continue;
            }

            // keep_latest: the kept row of this id is firstRow[id]; replace it when this row orders later.
            superseded++;
            if (CompareOrder(order![row], order[seen]) >= 0) firstRow[id] = row;
        }

        if (source.DuplicateIds == DuplicateIdPolicy.KeepLatest)
        {
            keep.Clear();
            foreach (var row in firstRow.Values) keep.Add(row);
            keep.Sort();
        }

        return keep;
    }

    private static int CompareOrder(string? a, string? b)
    {
        if (a is null) return b is null ? 0 : -1;
        if (b is null) return 1;
        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
            double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            return x.CompareTo(y);
        return string.CompareOrdinal(a, b);
    }

    /// <summary>Standardises and interns one column across sources.</summary>
    private sealed class ColumnBuilder
    {
        private readonly Dictionary<string, int> _valueIds = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];
        private readonly List<int> _recordValueIds = [];
        private Dictionary<string, int> _rawToId = new(StringComparer.Ordinal);
        private DateParser? _dates;

        public ColumnBuilder(ColumnConfig config) => Config = config;

        public ColumnConfig Config { get; }

        public int Unparseable { get; private set; }

        public int Rejected { get; private set; }

        public void BeginSource(SourceConfig source)
        {
            // Date formats differ per source, so the raw -> id cache is per source.
            _rawToId = new Dictionary<string, int>(StringComparer.Ordinal);
            _dates = Config.Type == ColumnType.Date ? new DateParser(source.DateFormats) : null;
            Unparseable = 0;
            Rejected = 0;
        }

        public void Add(string? raw)
        {
            if (raw is null) { _recordValueIds.Add(-1); return; }
            if (!_rawToId.TryGetValue(raw, out var id))
            {
                id = Intern(raw);
                _rawToId[raw] = id;
            }
            else if (id == -2) Unparseable++;
            else if (id == -3) Rejected++;

            _recordValueIds.Add(id < 0 ? -1 : id);
        }

        private int Intern(string raw)
        {
            string? value;
            switch (Config.Type)
            {
                case ColumnType.Date:
                    if (!_dates!.TryParse(raw.AsSpan().Trim(), out var date)) { Unparseable++; return -2; }
                    value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case ColumnType.Number:
                    if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) { Unparseable++; return -2; }
                    value = number.ToString("R", CultureInfo.InvariantCulture);
                    break;
                case ColumnType.BloomFilter:
                    value = raw.Trim();
                    if (!IsBloomFilter(value)) { Unparseable++; return -2; }
                    break;
                default:
                    value = Standardise(raw);
                    break;
            }

            if (value is null) { Rejected++; return -3; }
            if (!_valueIds.TryGetValue(value, out var id))
            {
                id = _values.Count;
                _values.Add(value);
                _valueIds[value] = id;
            }

            return id;
        }

        private string? Standardise(string raw)
        {
            var s = Config.Standardiser switch
            {
                StandardiserKind.Name => NameStandardiser.Standardise(raw),
                StandardiserKind.CompanyName => CompanyNameStandardiser.Standardise(raw),
                StandardiserKind.Postcode => UkPostcode.Normalise(raw),
                StandardiserKind.Nino => Nino.Normalise(raw),
                StandardiserKind.Upper => raw.Trim().ToUpperInvariant(),
                StandardiserKind.Lower => raw.Trim().ToLowerInvariant(),
                _ => raw.Trim(),
            };
            return string.IsNullOrEmpty(s) ? null : s;
        }

        public ColumnData Build()
        {
            var values = _values.ToArray();
            var data = new ColumnData(Config, _recordValueIds.ToArray(), values);
            var counts = new long[values.Length];
            long nonNull = 0;
            foreach (var id in data.ValueIds)
            {
                if (id < 0) continue;
                counts[id]++;
                nonNull++;
            }

            for (var i = 0; i < values.Length; i++) data.TermFrequency[i] = nonNull == 0 ? 0 : (double)counts[i] / nonNull;
            switch (Config.Type)
            {
                case ColumnType.Date:
                    data.DayNumbers = values.Select(v => DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber).ToArray();
                    break;
                case ColumnType.Number:
                    data.Numbers = values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case ColumnType.Postcode:
                    BuildPostcodes(data, values);
                    break;
                case ColumnType.CompanyName:
                    BuildTokens(data, values, counts);
                    break;
                case ColumnType.BloomFilter:
                    data.BloomFilters = values.Select(Privacy.BloomFilterEncoder.FromBase64).ToArray();
                    break;
            }

            return data;
        }

        private static bool IsBloomFilter(string value)
        {
            if (value.Length == 0) return false;
            Span<byte> probe = stackalloc byte[Math.Min(8192, value.Length)];
            return Convert.TryFromBase64String(value, probe, out var written) && written > 0 && written % 8 == 0;
        }

        private static void BuildPostcodes(ColumnData data, string[] values)
        {
            var sectors = new Dictionary<string, int>(StringComparer.Ordinal);
            var districts = new Dictionary<string, int>(StringComparer.Ordinal);
            var areas = new Dictionary<string, int>(StringComparer.Ordinal);
            int Id(Dictionary<string, int> d, string s)
            {
                if (!d.TryGetValue(s, out var id)) d[s] = id = d.Count;
                return id;
            }

            data.PostcodeSectors = new int[values.Length];
            data.PostcodeDistricts = new int[values.Length];
            data.PostcodeAreas = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                if (UkPostcode.TryParse(values[i], out var pc))
                {
                    data.PostcodeSectors[i] = Id(sectors, pc.Sector);
                    data.PostcodeDistricts[i] = Id(districts, pc.District);
                    data.PostcodeAreas[i] = Id(areas, pc.Area);
                }
                else
                {
                    // Not a parseable postcode (standardiser none): only exact matching is meaningful.
                    data.PostcodeSectors[i] = data.PostcodeDistricts[i] = data.PostcodeAreas[i] = -1 - i;
                }
            }
        }

        private static void BuildTokens(ColumnData data, string[] values, long[] counts)
        {
            var table = new TokenFrequencyTable();
            var tokens = new IReadOnlyList<string>[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                tokens[i] = CompanyNameStandardiser.Tokens(values[i]);
                // Document frequency counts records, not distinct values: add each value once per record holding it.
                for (long k = 0; k < counts[i]; k++) table.Add(tokens[i]);
            }

            data.TokenFrequencies = table;
            data.Tokens = new int[values.Length][];
            data.RarestTokens = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var ids = new int[tokens[i].Count];
                for (var t = 0; t < ids.Length; t++) ids[t] = table.TokenId(tokens[i][t]);
                data.Tokens[i] = ids;
                var rarest = table.RarestToken(tokens[i]);
                data.RarestTokens[i] = rarest is null ? -1 : table.TokenId(rarest);
            }

            data.TokenWeights = table.InverseWeightsById();
        }
    }
}
