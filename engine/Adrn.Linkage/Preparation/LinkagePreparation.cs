using System.Globalization;
using System.Runtime.CompilerServices;
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
        var rejections = new List<string>();

        for (var s = 0; s < config.Sources.Count; s++)
        {
            var source = config.Sources[s];
            sourceStart[s] = ids.Count;
            var wanted = new List<string> { source.IdColumn };
            foreach (var c in config.Columns) wanted.Add(source.FileColumn(c.Name));
            if (source.OrderBy is not null) wanted.Add(source.OrderBy);
            if (truthColumn is not null) wanted.Add(truthColumn);
            var codeIds = config.Columns.Any(c => source.FileColumn(c.Name) == source.IdColumn) || source.OrderBy == source.IdColumn || truthColumn == source.IdColumn;
            var read = CodedSource.Read(source, wanted.Distinct().ToList(), codeIds);
            var raw = read.Rows;
            var idValues = read.Ids;
            var firstEntry = quarantine.Count;
            quarantine.AddRange(MalformedRecordQuarantine.Entries(source, raw));
            var keep = SelectRows(source, raw, idValues, source.OrderBy is null ? null : read.Strings(source.OrderBy), quarantine, out var quarantined, out var superseded);
            MalformedRecordQuarantine.SortSourceEntries(quarantine, firstEntry);

            var truthValues = truthColumn is null ? null : read.Strings(truthColumn);
            foreach (var row in keep)
            {
                ids.Add(idValues[row]!);
                rowsOf.Add(checked((int)raw.RecordNumber(row)));
                truth?.Add(truthValues![row]);
            }

            // NOTE: each distinct raw value of a file column is standardised once, however many rows and job columns
            // hold it: rows are coded by their distinct raw value, the distinct values are standardised in parallel
            // (standardisers are pure), and job columns reading the same file column with the same standardiser share
            // the result. Interning then walks the kept rows in order, so value ids are assigned in first-occurrence
            // order, as a row-by-row pass would. (Company-name columns with different synonym tables standardise apart.)
            var coded = new Dictionary<string, RawValueCodes>(StringComparer.Ordinal);
            foreach (var c in config.Columns)
            {
                var fileColumn = source.FileColumn(c.Name);
                if (!coded.ContainsKey(fileColumn)) coded[fileColumn] = RawValueCodes.Of(read.Column(fileColumn), keep);
            }

            var standardised = new Dictionary<(string FileColumn, ColumnType Type, StandardiserKind Standardiser, CompanySynonymTable? Synonyms), StandardisedValues>();
            foreach (var c in config.Columns)
            {
                var key = (source.FileColumn(c.Name), c.Type, c.Standardiser, c.Synonyms);
                if (!standardised.ContainsKey(key)) standardised[key] = StandardisedValues.Of(c, source, coded[key.Item1].Distinct);
            }

            Parallel.For(0, builders.Length, c =>
            {
                var column = config.Columns[c];
                var key = (source.FileColumn(column.Name), column.Type, column.Standardiser, column.Synonyms);
                builders[c].AddSource(coded[key.Item1], standardised[key]);
            });

            var values = builders.ToDictionary(b => b.Config.Name, b => b.LastSource);
            summaries.Add(new SourceSummary
            {
                Name = source.Name,
                Path = source.Path,
                RowsRead = checked((int)raw.RecordsRead),
                RowsUsed = keep.Count,
                RowsQuarantined = quarantined + raw.Malformed.Count,
                RowsSuperseded = superseded,
                Values = values,
            });
            rejections.AddRange(TooManyRejected(config, source, values));
        }

        if (rejections.Count > 0) throw new ConfigValidationException(rejections);

        sourceStart[^1] = ids.Count;
        var columns = new ColumnData[builders.Length];
        Parallel.For(0, builders.Length, c => columns[c] = builders[c].Build());
        var table = new RecordTable(ids.ToArray(), sourceStart, config.Sources.Select(s => s.Name).ToList(), columns, rowsOf.ToArray());
        return new PreparedLinkage(config, table, summaries, quarantine, truth?.ToArray());
    }

    /// <summary>
    /// The columns of a source whose share of unparseable or rejected values exceeds their <c>max_rejected_share</c>,
    /// each as a message naming the file, the column, the count and share, examples, and what to do.
    /// </summary>
    private static IEnumerable<string> TooManyRejected(LinkageJobConfig config, SourceConfig source, IReadOnlyDictionary<string, ColumnValueCounts> values)
    {
        foreach (var column in config.Columns)
        {
            var counts = values[column.Name];
            var limit = config.MaxRejectedShareFor(source, column);
            if (counts.NonNull == 0 || counts.RejectedShare <= limit) continue;
            var what = column.Type switch
            {
                ColumnType.Date => $"could not be parsed as dates with date_formats [{string.Join(", ", source.DateFormats)}]",
                ColumnType.Number => "could not be parsed as numbers",
                ColumnType.BloomFilter => "are not Bloom-filter encodings (base64 of whole 64-bit words)",
                _ => $"were rejected by the {column.Standardiser.ToString().ToSnakeCase()} standardiser",
            };
            var hint = column.Type == ColumnType.Date ? "fix the source's date_formats or the data" : "check the column mapping and the data";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"source '{source.Name}' (file '{source.Path}'), column '{column.Name}' (file column '{source.FileColumn(column.Name)}'): {counts.Unparseable + counts.Rejected:N0} of {counts.NonNull:N0} values ({counts.RejectedShare * 100:0.0}%) {what}, more than max_rejected_share {limit:0.###}; e.g. {string.Join(", ", counts.Examples.Select(e => $"'{e}'"))}. {char.ToUpperInvariant(hint[0])}{hint[1..]}, or raise max_rejected_share.");
        }
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

    private static List<int> SelectRows(SourceConfig source, TextTable raw, string?[] idValues, string?[]? order, List<QuarantineEntry> quarantine,
        out int quarantined, out int superseded)
    {
        quarantined = 0;
        superseded = 0;
        // Rows without an id are quarantined; the others are candidates.
        var candidates = new int[raw.RowCount];
        var n = 0;
        for (var row = 0; row < raw.RowCount; row++)
        {
            if (idValues[row] is not null)
            {
                candidates[n++] = row;
                continue;
            }

            quarantine.Add(new QuarantineEntry(source.Path, checked((int)raw.RecordNumber(row)), source.IdColumn, "", "missing id"));
            quarantined++;
        }

        // Ids that increase strictly down the file (a source sorted by id, as extracts often are) are distinct: every
        // candidate is kept, without hashing or sorting.
        if (RecordTable.InOrdinalOrder(idValues)) return [.. candidates.AsSpan(0, n)];

        // NOTE: rows sharing an id are found by sorting 64-bit hashes of the ids (with the row numbers) rather than with a
        // dictionary of every id: a tenth of the memory (12 bytes a row instead of about 28) and no scattered inserts.
        // Rows of one hash are then told apart by their id text, so a hash collision never merges two ids.
        var rows = candidates[..n];
        var hashes = new ulong[n];
        for (var i = 0; i < n; i++) hashes[i] = IdHash(idValues[rows[i]]!);
        Blocking.KeySort.Sort(hashes, rows);
        var kept = new bool[raw.RowCount];
        var ids = new List<(string Id, int First, int Kept)>();
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && hashes[end] == hashes[start]) end++;
            if (end - start == 1)
            {
                kept[rows[start]] = true;
                start = end;
                continue;
            }

            // Rows of one hash in file order: the first row of each id is its first occurrence.
            Array.Sort(rows, start, end - start);
            ids.Clear();
            for (var i = start; i < end; i++)
            {
                var row = rows[i];
                var id = idValues[row]!;
                var at = ids.Count - 1;
                while (at >= 0 && !string.Equals(ids[at].Id, id, StringComparison.Ordinal)) at--;
                if (at < 0)
                {
                    ids.Add((id, row, row));
                    continue;
                }

                var (_, first, keptRow) = ids[at];
                if (source.DuplicateIds == DuplicateIdPolicy.Quarantine)
                {
                    quarantine.Add(new QuarantineEntry(source.Path, checked((int)raw.RecordNumber(row)), source.IdColumn, id, $"duplicate id (first seen in row {raw.RecordNumber(first)})"));
                    quarantined++;
                    continue;
                }

                // keep_latest: this row replaces the kept row of its id when it orders later (or the same).
                superseded++;
                if (CompareOrder(order![row], order[keptRow]) >= 0) ids[at] = (id, first, row);
            }

            foreach (var (_, _, keptRow) in ids) kept[keptRow] = true;
            start = end;
        }

        var keep = new List<int>(n);
        for (var row = 0; row < kept.Length; row++)
            if (kept[row]) keep.Add(row);
        return keep;
    }

    // FNV-1a over the id's characters, then SplitMix64's finaliser: 64 bits, so ids of a million-row source rarely share one.
    private static ulong IdHash(string id)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in id) h = (h ^ c) * 0x100000001B3UL;
        return Blocking.BlockingKeyBuilder.Mix(h);
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

    /// <summary>The kept rows of one file column coded by their distinct raw value (code -1 = missing).</summary>
    private sealed class RawValueCodes
    {
        private RawValueCodes(string[] distinct, int[] codes)
        {
            Distinct = distinct;
            Codes = codes;
        }

        /// <summary>Distinct raw values, in order of first occurrence among the kept rows.</summary>
        public string[] Distinct { get; }

        /// <summary>Per kept row: index into <see cref="Distinct"/>, or -1 when the value is missing.</summary>
        public int[] Codes { get; }

        public static RawValueCodes Of(CodedColumn column, List<int> keep)
        {
            // The read's codes are in first-occurrence order over all rows; renumbered over the kept rows only (an
            // identity map when every row is kept), so value ids never depend on rows that were set aside.
            var map = new int[column.Distinct.Length];
            Array.Fill(map, -1);
            var distinct = new List<string>(column.Distinct.Length);
            var codes = new int[keep.Count];
            var all = column.Codes;
            for (var i = 0; i < codes.Length; i++)
            {
                var raw = all[keep[i]];
                if (raw < 0) { codes[i] = -1; continue; }
                var code = map[raw];
                if (code < 0)
                {
                    code = map[raw] = distinct.Count;
                    distinct.Add(column.Distinct[raw]);
                }

                codes[i] = code;
            }

            return new RawValueCodes([.. distinct], codes);
        }
    }

    /// <summary>Distinct raw values of one source and file column, standardised for one column type and standardiser.</summary>
    private sealed class StandardisedValues
    {
        /// <summary>Per distinct raw value: the standardised value, or null (see <see cref="Status"/>).</summary>
        public required string?[] Values { get; init; }

        /// <summary>Per distinct raw value: 0 usable, 1 unparseable (dates, numbers, Bloom filters), 2 rejected by the standardiser.</summary>
        public required byte[] Status { get; init; }

        public static StandardisedValues Of(ColumnConfig column, SourceConfig source, string[] distinct)
        {
            var values = new string?[distinct.Length];
            var status = new byte[distinct.Length];
            // Date formats differ per source, so values are standardised per source.
            var dates = column.Type == ColumnType.Date ? new DateParser(source.DateFormats) : null;
            Parallel.For(0, distinct.Length, new ParallelOptions { MaxDegreeOfParallelism = distinct.Length < 4096 ? 1 : -1 }, i =>
            {
                var (value, state) = Standardise(column, dates, distinct[i]);
                values[i] = value;
                status[i] = state;
            });
            return new StandardisedValues { Values = values, Status = status };
        }

        private static (string? Value, byte Status) Standardise(ColumnConfig column, DateParser? dates, string raw)
        {
            string? value;
            switch (column.Type)
            {
                case ColumnType.Date:
                    if (!dates!.TryParse(raw.AsSpan().Trim(), out var date)) return (null, 1);
                    value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case ColumnType.Number:
                    if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return (null, 1);
                    value = number.ToString("R", CultureInfo.InvariantCulture);
                    break;
                case ColumnType.BloomFilter:
                    value = raw.Trim();
                    if (!IsBloomFilter(value)) return (null, 1);
                    break;
                default:
                    var s = column.Standardiser switch
                    {
                        StandardiserKind.Name => NameStandardiser.Standardise(raw),
                        StandardiserKind.CompanyName => CompanyNameStandardiser.Standardise(raw, column.Synonyms ?? CompanySynonymTable.Uk),
                        StandardiserKind.Postcode => UkPostcode.Normalise(raw),
                        StandardiserKind.Nino => Nino.Normalise(raw),
                        StandardiserKind.Upper => raw.Trim().ToUpperInvariant(),
                        StandardiserKind.Lower => raw.Trim().ToLowerInvariant(),
                        _ => raw.Trim(),
                    };
                    value = string.IsNullOrEmpty(s) ? null : s;
                    break;
            }

            return value is null ? (null, (byte)2) : (value, (byte)0);
        }

        private static bool IsBloomFilter(string value)
        {
            if (value.Length == 0) return false;
            Span<byte> probe = stackalloc byte[Math.Min(8192, value.Length)];
            return Convert.TryFromBase64String(value, probe, out var written) && written > 0 && written % 8 == 0;
        }
    }

    /// <summary>Interns one job column's standardised values across sources and holds each record's value id.</summary>
    private sealed class ColumnBuilder(ColumnConfig config)
    {
        private readonly DistinctValueTable _values = new();
        private readonly List<int> _recordValueIds = [];
        private readonly List<int> _sourceStart = [];

        private const int ExamplesKept = 5;

        public ColumnConfig Config { get; } = config;

        /// <summary>The value accounting of the last source added.</summary>
        public ColumnValueCounts LastSource { get; private set; } = new() { NonNull = 0, Unparseable = 0, Rejected = 0, Examples = [] };

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddSource(RawValueCodes codes, StandardisedValues standardised)
        {
            _sourceStart.Add(_recordValueIds.Count);
            long nonNull = 0, unparseable = 0, rejected = 0;
            var examples = new List<string>();
            // Value id of each distinct raw value, assigned when the value first occurs (-2: not yet seen).
            var idOfCode = new int[codes.Distinct.Length];
            Array.Fill(idOfCode, -2);
            foreach (var code in codes.Codes)
            {
                if (code < 0) { _recordValueIds.Add(-1); continue; }
                nonNull++;
                var id = idOfCode[code];
                if (id == -2)
                {
                    idOfCode[code] = id = Intern(standardised.Values[code]);
                    if (id < 0 && examples.Count < ExamplesKept) examples.Add(codes.Distinct[code]);
                }

                if (id < 0)
                {
                    if (standardised.Status[code] == 1) unparseable++;
                    else rejected++;
                }

                _recordValueIds.Add(id);
            }

            LastSource = new ColumnValueCounts { NonNull = nonNull, Unparseable = unparseable, Rejected = rejected, Examples = examples };
        }

        private int Intern(string? value) => value is null ? -1 : _values.CodeOf(value, value);

        public ColumnData Build()
        {
            var values = _values.ToArray();
            var ids = _recordValueIds.ToArray();
            var counts = new long[_sourceStart.Count][];
            for (var s = 0; s < counts.Length; s++)
            {
                counts[s] = new long[values.Length];
                var end = s + 1 < _sourceStart.Count ? _sourceStart[s + 1] : ids.Length;
                for (var r = _sourceStart[s]; r < end; r++)
                    if (ids[r] >= 0) counts[s][ids[r]]++;
            }

            return ColumnData.Build(Config, ids, values, counts);
        }
    }
}
