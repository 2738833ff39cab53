using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Comparison;

/// <summary>
/// Re-cuts each company name's tokens against the column's own vocabulary (all sources), so that a word typed glued
/// ("priceconsultants") or split ("fabri cations") becomes the tokens most records use: two adjacent tokens are joined
/// when their concatenation is itself a token held by more records than either half; a token is split in two when
/// both halves are tokens held by more records than the token itself (the split whose rarer half is most common wins).
/// Computed once per distinct value; the results are ids of the column's token table.
/// </summary>
internal static class TokenResegmentation
{
    private const int MinimumPart = 3;

    public static int[][] Resegment(ColumnData column)
    {
        var table = column.TokenFrequencies!;
        var tokens = column.Tokens!;
        var result = new int[tokens.Length][];
        for (var v = 0; v < tokens.Length; v++)
        {
            var list = new List<int>(tokens[v]);
            Join(list, table);
            Split(list, table);
            result[v] = [.. list];
        }

        return result;
    }

    private static void Join(List<int> list, Standardisation.TokenFrequencyTable table)
    {
        for (var i = 0; i + 1 < list.Count; i++)
        {
            var first = table.TokenAt(list[i]);
            var second = table.TokenAt(list[i + 1]);
            var joined = table.TokenId(first + second);
            if (joined < 0) continue;
            var frequency = table.Frequency(first + second);
            if (frequency > table.Frequency(first) && frequency > table.Frequency(second))
            {
                list[i] = joined;
                list.RemoveAt(i + 1);
            }
        }
    }

    private static void Split(List<int> list, Standardisation.TokenFrequencyTable table)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var token = table.TokenAt(list[i]);
            if (token.Length < 2 * MinimumPart) continue;
            var own = table.Frequency(token);
            var best = -1L;
            (int Left, int Right) parts = (-1, -1);
            for (var at = MinimumPart; at <= token.Length - MinimumPart; at++)
            {
                var left = token[..at];
                var right = token[at..];
                var lf = table.Frequency(left);
                var rf = table.Frequency(right);
                if (lf <= own || rf <= own) continue;
                var weaker = Math.Min(lf, rf);
                if (weaker > best)
                {
                    best = weaker;
                    parts = (table.TokenId(left), table.TokenId(right));
                }
            }

            if (best < 0) continue;
            list[i] = parts.Left;
            list.Insert(i + 1, parts.Right);
            i++;
        }
    }
}
