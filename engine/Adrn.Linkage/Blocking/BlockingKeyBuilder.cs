using System.Runtime.CompilerServices;
using Adrn.Linkage.Blocking.Phonetics;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Blocking;

/// <summary>Derives each record's 64-bit key per blocking rule.</summary>
internal static class BlockingKeyBuilder
{
    public static BlockingKeySet Build(PreparedLinkage prepared, IReadOnlyList<BlockingRuleConfig> rules)
    {
        var records = prepared.Records;
        var keys = new ulong[rules.Count][];
        var derivedCache = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var parts = new (int[] ValueIds, int[] Derived)[rule.Parts.Count];
            for (var p = 0; p < parts.Length; p++)
            {
                var part = rule.Parts[p];
                var column = records.Column(part.Column);
                var cacheKey = part.ToString();
                if (!derivedCache.TryGetValue(cacheKey, out var derived))
                    derivedCache[cacheKey] = derived = Derive(column, part);
                parts[p] = (column.ValueIds, derived);
            }

            var k = new ulong[records.Count];
            for (var i = 0; i < k.Length; i++)
            {
                ulong h = 0x9E3779B97F4A7C15UL * (ulong)(r + 1);
                var isNull = false;
                for (var p = 0; p < parts.Length; p++)
                {
                    var v = parts[p].ValueIds[i];
                    var d = v < 0 ? -1 : parts[p].Derived[v];
                    if (d < 0) { isNull = true; break; }
                    h = Mix(h + (ulong)(uint)d + 0xD6E8FEB86659FD93UL * (ulong)(p + 1));
                }

                k[i] = isNull ? 0 : (h == 0 ? 1 : h);
            }

            keys[r] = k;
        }

        var cross = prepared.IsCrossSourceOnly;
        return new BlockingKeySet(rules, keys, cross, cross ? records.SourceStart[1] : records.Count, records);
    }

    /// <summary>SplitMix64 finaliser: spreads key bits so partition = key mod P is balanced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
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
            var value = column.Values[i];
            string code = part.Method switch
            {
                BlockingKeyMethod.Prefix => value.Length <= part.Length ? value : value[..part.Length],
                BlockingKeyMethod.Soundex => Soundex.Encode(value),
                BlockingKeyMethod.DoubleMetaphone => DoubleMetaphone.Encode(value).Primary,
                _ => throw new InvalidOperationException($"blocking method {part.Method} is not handled"),
            };
            if (string.IsNullOrEmpty(code)) { result[i] = -1; continue; }
            if (!interned.TryGetValue(code, out var id)) interned[code] = id = interned.Count;
            result[i] = id;
        }

        return result;
    }

    private static int[] NonNegative(int[] ids)
    {
        var r = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++) r[i] = ids[i] < 0 ? -1 : ids[i];
        return r;
    }

    /// <summary>A readable form of a record's key under a rule, e.g. <c>surname=smith &amp; year(dob)=1970</c>.</summary>
    public static string Describe(PreparedLinkage prepared, BlockingRuleConfig rule, int record)
    {
        var parts = new List<string>();
        foreach (var p in rule.Parts)
        {
            var v = prepared.Records.Column(p.Column).ValueOf(record) ?? "";
            var shown = p.Method switch
            {
                BlockingKeyMethod.Prefix => v.Length <= p.Length ? v : v[..p.Length],
                BlockingKeyMethod.Soundex => Soundex.Encode(v),
                BlockingKeyMethod.DoubleMetaphone => DoubleMetaphone.Encode(v).Primary,
                BlockingKeyMethod.Year => v.Length >= 4 ? v[..4] : v,
                BlockingKeyMethod.RarestToken => RarestToken(prepared, p.Column, record),
                BlockingKeyMethod.PostcodeArea => Standardisation.UkPostcode.TryParse(v, out var pa) ? pa.Area : v,
                BlockingKeyMethod.PostcodeDistrict => Standardisation.UkPostcode.TryParse(v, out var pd) ? pd.District : v,
                BlockingKeyMethod.PostcodeSector => Standardisation.UkPostcode.TryParse(v, out var ps) ? ps.Sector : v,
                _ => v,
            };
            parts.Add($"{p}={shown}");
        }

        return string.Join(" & ", parts);
    }

    private static string RarestToken(PreparedLinkage prepared, string column, int record)
    {
        var c = prepared.Records.Column(column);
        var id = c.ValueIds[record];
        if (id < 0) return "";
        var t = c.RarestTokens![id];
        return t < 0 ? "" : c.TokenFrequencies!.TokenAt(t);
    }
}
