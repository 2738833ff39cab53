using System.Globalization;
using System.Runtime.CompilerServices;
using Adrn.Linkage.Blocking.Phonetics;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Blocking;

/// <summary>Derives each record's 64-bit keys per blocking rule (see <see cref="BlockingKeySet"/> for their meaning).</summary>
internal static class BlockingKeyBuilder
{
    /// <summary>One-edit keys are made for values of at most this many characters (longer values keep only their own key).</summary>
    public const int MaxOneEditLength = 31;

    public static BlockingKeySet Build(PreparedLinkage prepared, IReadOnlyList<BlockingRuleConfig> rules)
    {
        var records = prepared.Records;
        var slots = new List<ulong[]>();
        var slotStart = new int[rules.Count + 1];
        var singleCache = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var multiCache = new Dictionary<string, MultiKeys>(StringComparer.Ordinal);
        for (var r = 0; r < rules.Count; r++)
        {
            slotStart[r] = slots.Count;
            var rule = rules[r];
            if (rule.Kind == BlockingRuleKind.SortedNeighbourhood)
            {
                slots.Add(BuildRanks(records, rule));
                continue;
            }

            var single = new List<(int[] ValueIds, int[] Derived, int Part)>();
            (int[] ValueIds, MultiKeys Keys, int Part)? multi = null;
            for (var p = 0; p < rule.Parts.Count; p++)
            {
                var part = rule.Parts[p];
                var column = records.Column(part.Column);
                var cacheKey = part.ToString();
                if (part.IsMultiKey)
                {
                    if (!multiCache.TryGetValue(cacheKey, out var keys)) multiCache[cacheKey] = keys = DeriveMulti(column, part);
                    multi = (column.ValueIds, keys, p);
                }
                else
                {
                    if (!singleCache.TryGetValue(cacheKey, out var derived)) singleCache[cacheKey] = derived = Derive(column, part);
                    single.Add((column.ValueIds, derived, p));
                }
            }

            if (multi is null) slots.Add(SingleKeys(records.Count, r, single));
            else slots.AddRange(MultiKeySlots(records.Count, r, single, multi.Value, banded: BlockingKeySet.IsBandedRule(rule)));
        }

        slotStart[rules.Count] = slots.Count;
        var cross = prepared.IsCrossSourceOnly;
        return new BlockingKeySet(rules, [.. slots], slotStart, cross, cross ? records.SourceStart[1] : records.Count, records);
    }

    /// <summary>SplitMix64 finaliser: spreads key bits so partition = key mod P is balanced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RuleSeed(int rule) => 0x9E3779B97F4A7C15UL * (ulong)(rule + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddPart(ulong h, ulong id, int part) => Mix(h + id + (0xD6E8FEB86659FD93UL * (ulong)(part + 1)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong[] SingleKeys(int n, int rule, List<(int[] ValueIds, int[] Derived, int Part)> parts)
    {
        var k = new ulong[n];
        for (var i = 0; i < k.Length; i++)
        {
            var h = RuleSeed(rule);
            var isNull = false;
            foreach (var (valueIds, derived, p) in parts)
            {
                var v = valueIds[i];
                var d = v < 0 ? -1 : derived[v];
                if (d < 0) { isNull = true; break; }
                h = AddPart(h, (uint)d, p);
            }

            k[i] = isNull ? 0 : (h == 0 ? 1 : h);
        }

        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong[][] MultiKeySlots(int n, int rule, List<(int[] ValueIds, int[] Derived, int Part)> single, (int[] ValueIds, MultiKeys Keys, int Part) multi,
        bool banded)
    {
        var width = Math.Max(1, multi.Keys.MaxCount);
        var slots = new ulong[width][];
        for (var s = 0; s < width; s++) slots[s] = new ulong[n];
        // Records are independent (each writes only its own position of each slot): chunks in parallel give the same keys
        // whatever the thread count.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 16384), range =>
        {
            Span<ulong> buffer = stackalloc ulong[width];
            for (var i = range.Item1; i < range.Item2; i++) RecordKeys(i, rule, single, multi, slots, buffer, banded);
        });
        return slots;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RecordKeys(int i, int rule, List<(int[] ValueIds, int[] Derived, int Part)> single, (int[] ValueIds, MultiKeys Keys, int Part) multi,
        ulong[][] slots, Span<ulong> buffer, bool banded)
    {
        var v = multi.ValueIds[i];
        if (v < 0) return;
        var h = RuleSeed(rule);
        foreach (var (valueIds, derived, p) in single)
        {
            var u = valueIds[i];
            var d = u < 0 ? -1 : derived[u];
            if (d < 0) return;
            h = AddPart(h, (uint)d, p);
        }

        var start = multi.Keys.Start[v];
        var count = multi.Keys.Count[v];
        var values = multi.Keys.Values;
        for (var e = 0; e < count; e++)
        {
            var key = AddPart(h, values[start + e], multi.Part);
            buffer[e] = key == 0 ? 1 : key;
        }

        if (banded)
        {
            // MinHash: slot = band, so two records agree on band s exactly when slot s holds the same key.
            for (var e = 0; e < count; e++) slots[e][i] = buffer[e];
            return;
        }

        // Sorted ascending (zeros stay last in the untouched slots): BlockingKeySet merges two records' keys in order.
        var keys = buffer[..count];
        keys.Sort();
        var distinct = 0;
        for (var e = 0; e < count; e++)
            if (e == 0 || keys[e] != keys[e - 1]) slots[distinct++][i] = keys[e];
    }

    /// <summary>Sorted neighbourhood: per record, 1 + the rank of its sort key among the distinct sort keys (0 = none).</summary>
    private static ulong[] BuildRanks(RecordTable records, BlockingRuleConfig rule)
    {
        var n = records.Count;
        var texts = new List<(int[] ValueIds, string?[] Text)>();
        foreach (var part in rule.Parts)
        {
            var column = records.Column(part.Column);
            var text = new string?[column.Values.Length];
            for (var v = 0; v < text.Length; v++) text[v] = DeriveText(column, part, v);
            texts.Add((column.ValueIds, text));
        }

        var perRecord = new string?[n];
        for (var i = 0; i < n; i++)
        {
            string? key = null;
            foreach (var (valueIds, text) in texts)
            {
                var v = valueIds[i];
                var t = v < 0 ? null : text[v];
                if (t is null) { key = null; break; }
                // U+001F (unit separator) never occurs in standardised text and sorts before every printable character.
                key = key is null ? t : string.Concat(key, "\u001F", t);
            }

            perRecord[i] = key;
        }

        var distinct = perRecord.Where(s => s is not null).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(distinct, StringComparer.Ordinal);
        var rank = new Dictionary<string, int>(distinct.Length, StringComparer.Ordinal);
        for (var r = 0; r < distinct.Length; r++) rank[distinct[r]!] = r;
        var keys = new ulong[n];
        for (var i = 0; i < n; i++)
            if (perRecord[i] is { } s) keys[i] = (ulong)rank[s] + 1;
        return keys;
    }

    /// <summary>Per distinct value of the column: an interned id of the derived key part (-1 = null).</summary>
    private static int[] Derive(ColumnData column, BlockingKeyPartConfig part)
    {
        var n = column.Values.Length;
        var result = new int[n];
        switch (part.Method)
        {
            case BlockingKeyMethod.Exact:
                for (var i = 0; i < n; i++) result[i] = i;
                return result;
            case BlockingKeyMethod.PostcodeSector:
                return NonNegative(column.PostcodeSectors!);
            case BlockingKeyMethod.PostcodeDistrict:
                return NonNegative(column.PostcodeDistricts!);
            case BlockingKeyMethod.PostcodeArea:
                return NonNegative(column.PostcodeAreas!);
            case BlockingKeyMethod.Year:
                for (var i = 0; i < n; i++) result[i] = DateOnly.FromDayNumber(column.DayNumbers![i]).Year;
                return result;
            case BlockingKeyMethod.RarestToken:
                return (int[])column.RarestTokens!.Clone();
        }

        var interned = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var code = DeriveText(column, part, i);
            if (string.IsNullOrEmpty(code)) { result[i] = -1; continue; }
            if (!interned.TryGetValue(code, out var id)) interned[code] = id = interned.Count;
            result[i] = id;
        }

        return result;
    }

    /// <summary>The derived text of a one-key part for distinct value <paramref name="v"/> (null = no key).</summary>
    internal static string? DeriveText(ColumnData column, BlockingKeyPartConfig part, int v)
    {
        var value = column.Values[v];
        string? code = part.Method switch
        {
            BlockingKeyMethod.Exact => value,
            BlockingKeyMethod.Prefix => value.Length <= part.Length ? value : value[..part.Length],
            BlockingKeyMethod.Soundex => Soundex.Encode(value),
            BlockingKeyMethod.DoubleMetaphone => DoubleMetaphone.Encode(value).Primary,
            BlockingKeyMethod.Year => DateOnly.FromDayNumber(column.DayNumbers![v]).Year.ToString("D4", CultureInfo.InvariantCulture),
            BlockingKeyMethod.RarestToken => column.RarestTokens![v] < 0 ? null : column.TokenFrequencies!.TokenAt(column.RarestTokens[v]),
            BlockingKeyMethod.PostcodeArea => UkPostcode.TryParse(value, out var pa) ? pa.Area : null,
            BlockingKeyMethod.PostcodeDistrict => UkPostcode.TryParse(value, out var pd) ? pd.District : null,
            BlockingKeyMethod.PostcodeSector => UkPostcode.TryParse(value, out var ps) ? ps.Sector : null,
            BlockingKeyMethod.PayeOffice => PayeReference.Split(value).Office,
            BlockingKeyMethod.PayeReference => PayeReference.Split(value).Reference,
            BlockingKeyMethod.NinoWithoutSuffix => NinoWithoutSuffix(value),
            _ => throw new InvalidOperationException($"blocking method {part.Method} gives several keys, not one text"),
        };
        return string.IsNullOrEmpty(code) ? null : code;
    }

    private static string? NinoWithoutSuffix(string value)
    {
        var compact = value.Replace(" ", "", StringComparison.Ordinal);
        return compact.Length >= 8 ? compact[..8] : null;
    }

    private static int[] NonNegative(int[] ids)
    {
        var r = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++) r[i] = ids[i] < 0 ? -1 : ids[i];
        return r;
    }

    /// <summary>Per distinct value: the elements of a multi-key part (band keys, token-code ids or one-edit variant ids).</summary>
    private static MultiKeys DeriveMulti(ColumnData column, BlockingKeyPartConfig part) => part.Method switch
    {
        BlockingKeyMethod.Minhash => MinHashKeys(column, part),
        BlockingKeyMethod.TokenSoundex or BlockingKeyMethod.TokenDoubleMetaphone => TokenCodeKeys(column, part),
        BlockingKeyMethod.OneEdit => OneEditKeys(column),
        _ => throw new InvalidOperationException($"blocking method {part.Method} gives one key"),
    };

    private static MultiKeys MinHashKeys(ColumnData column, BlockingKeyPartConfig part)
    {
        var n = column.Values.Length;
        var bands = part.Bands;
        var hasher = new MinHasher(part.Q, bands, part.Rows, part.Seed);
        var values = new ulong[(long)n * bands];
        var counts = new int[n];
        // Values are independent: chunks in parallel, each value written to its own fixed place, so the result does
        // not depend on the thread count.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 4096), range =>
        {
            for (var v = range.Item1; v < range.Item2; v++)
            {
                if (hasher.BandKeys(column.Values[v], values.AsSpan(v * bands, bands))) counts[v] = bands;
            }
        });

        var start = new int[n];
        for (var v = 0; v < n; v++) start[v] = v * bands;
        return new MultiKeys(start, counts, values, bands);
    }

    private static MultiKeys TokenCodeKeys(ColumnData column, BlockingKeyPartConfig part)
    {
        var n = column.Values.Length;
        var codeOfToken = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new List<string>();
        var codeIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var perValue = new int[n][];
        for (var v = 0; v < n; v++)
        {
            var list = new List<int>();
            foreach (var token in column.Values[v].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!codeOfToken.TryGetValue(token, out var id))
                {
                    var code = part.Method == BlockingKeyMethod.TokenSoundex ? Soundex.Encode(token) : DoubleMetaphone.Encode(token).Primary;
                    id = -1;
                    if (!string.IsNullOrEmpty(code) && !codeIds.TryGetValue(code, out id))
                    {
                        codeIds[code] = id = codes.Count;
                        codes.Add(code);
                    }

                    codeOfToken[token] = id;
                }

                if (id >= 0 && !list.Contains(id)) list.Add(id);
            }

            perValue[v] = [.. list];
        }

        // Share of non-null records holding each code: codes above max_share would make huge blocks and give no key.
        var records = new long[n];
        long nonNull = 0;
        foreach (var id in column.ValueIds)
        {
            if (id < 0) continue;
            records[id]++;
            nonNull++;
        }

        var holders = new long[codes.Count];
        for (var v = 0; v < n; v++)
            foreach (var c in perValue[v]) holders[c] += records[v];

        var maxHolders = part.MaxShare >= 1 ? long.MaxValue : (long)Math.Floor(part.MaxShare * nonNull);
        var start = new int[n];
        var count = new int[n];
        var elements = new List<ulong>();
        for (var v = 0; v < n; v++)
        {
            start[v] = elements.Count;
            var kept = perValue[v].Where(c => holders[c] <= maxHolders)
                .OrderBy(c => holders[c]).ThenBy(c => c).Take(part.MaxKeys).ToList();
            foreach (var c in kept) elements.Add((ulong)c);
            count[v] = kept.Count;
        }

        return new MultiKeys(start, count, [.. elements], count.Length == 0 ? 0 : count.Max());
    }

    private static MultiKeys OneEditKeys(ColumnData column)
    {
        // Each element is a 64-bit hash of a character sequence: the value itself or the value with one character left
        // out. The hash depends only on the sequence, so "12/AB56789" (a value) and "123/AB56789" less its "3" give the
        // same element; no variant string is built.
        var n = column.Values.Length;
        var start = new int[n];
        var count = new int[n];
        var width = MaxOneEditLength + 1;
        var values = new ulong[(long)n * width];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 4096), range =>
        {
            for (var v = range.Item1; v < range.Item2; v++)
            {
                var value = column.Values[v].AsSpan();
                var at = v * width;
                var k = 0;
                values[at + k++] = SequenceHash(value, -1);
                if (value.Length <= MaxOneEditLength && value.Length > 1)
                    for (var d = 0; d < value.Length; d++) values[at + k++] = SequenceHash(value, d);
                // Deleting either of two equal neighbours gives the same sequence: keep each element once.
                var elements = values.AsSpan(at, k);
                elements.Sort();
                var distinct = 0;
                for (var e = 0; e < k; e++)
                    if (e == 0 || elements[e] != elements[e - 1]) elements[distinct++] = elements[e];
                start[v] = at;
                count[v] = distinct;
            }
        });
        return new MultiKeys(start, count, values, count.Length == 0 ? 0 : count.Max());
    }

    /// <summary>FNV-1a over the characters of <paramref name="value"/> except the one at <paramref name="skip"/> (-1: none), then mixed.</summary>
    private static ulong SequenceHash(ReadOnlySpan<char> value, int skip)
    {
        var h = 14695981039346656037UL;
        for (var i = 0; i < value.Length; i++)
        {
            if (i == skip) continue;
            h = (h ^ value[i]) * 1099511628211UL;
        }

        return Mix(h ^ (ulong)(value.Length - (skip < 0 ? 0 : 1)));
    }

    /// <summary>A readable form of a record's key under a rule, e.g. <c>surname=smith &amp; year(dob)=1970</c>.</summary>
    /// <param name="prepared">The records.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="record">A record of the key group.</param>
    /// <returns>The description.</returns>
    public static string Describe(PreparedLinkage prepared, BlockingRuleConfig rule, int record)
    {
        var parts = new List<string>();
        foreach (var p in rule.Parts)
        {
            var column = prepared.Records.Column(p.Column);
            var v = column.ValueIds[record];
            string shown;
            if (v < 0) shown = "";
            else if (p.IsMultiKey) shown = "~" + column.Values[v];
            else shown = DeriveText(column, p, v) ?? "";
            parts.Add($"{p}={shown}");
        }

        return string.Join(" & ", parts);
    }

    /// <summary>Elements of a multi-key part per distinct value: value v's are <c>Values[Start[v] .. Start[v] + Count[v])</c>.</summary>
    private sealed class MultiKeys(int[] start, int[] count, ulong[] values, int maxCount)
    {
        public int[] Start { get; } = start;

        public int[] Count { get; } = count;

        public ulong[] Values { get; } = values;

        /// <summary>Most elements of any value (the rule's slot count).</summary>
        public int MaxCount { get; } = maxCount;
    }
}
