using System.Collections.Frozen;

namespace Adrn.Linkage.Standardisation;

/// <summary>
/// Standardises company (employer) names so that the registered name, a payroll provider's
/// keying and a survey respondent's recollection of the same firm agree as far as possible.
/// </summary>
/// <remarks>
/// Rules, in order (documented with the full word lists in docs/standardisation.md):
/// <list type="number">
/// <item>null, empty or whitespace-only input gives null.</item>
/// <item>Case and accents fold as for person names (<see cref="NameStandardiser"/>); '&amp;' becomes
/// the word "and"; apostrophes and full stops are dropped (Sainsbury's → sainsburys,
/// L.L.P. → llp); all other punctuation becomes a space.</item>
/// <item>Synonyms map to one canonical form, longest phrase first: "health care" → "healthcare", and abbreviations
/// and variants word by word (intl → international, svcs → services, eng → engineering, mfg → manufacturing,
/// bros → brothers, grp → group, tech/technologies → technology, …), from a <see cref="CompanySynonymTable"/>: the
/// shipped UK table (<see cref="CompanySynonymTable.Uk"/>) unless another is given.</item>
/// <item>The stop token "the" is removed wherever it occurs.</item>
/// <item>Legal forms are removed from the end of the name, repeatedly: ltd, limited, plc, llp, lp,
/// co, company, inc, incorporated, corp, corporation, cic, "public limited company",
/// "limited liability partnership", "community interest company", "and co", "and company",
/// "and son", "and sons". Only trailing legal forms go ("Co-operative Bank" keeps "co"), and the
/// first token is never removed ("Company Ltd" → "company").</item>
/// </list>
/// </remarks>
public static class CompanyNameStandardiser
{
    // Single-token legal forms removed from the end of a name.
    private static readonly FrozenSet<string> LegalFormTokens = new[]
    {
        "ltd", "limited", "plc", "llp", "lp", "co", "company", "inc", "incorporated", "corp",
        "corporation", "cic",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Multi-token legal forms removed from the end of a name (checked before single tokens).
    private static readonly string[][] LegalFormPhrases =
    [
        ["public", "limited", "company"],
        ["limited", "liability", "partnership"],
        ["community", "interest", "company"],
        ["and", "company"],
        ["and", "co"],
        ["and", "sons"],
        ["and", "son"],
    ];

    /// <summary>Standardises one company name with the shipped UK synonym table.</summary>
    /// <param name="raw">The name as recorded; may be null.</param>
    /// <returns>The standardised name (tokens joined by single spaces), or null when
    /// <paramref name="raw"/> holds no letter or digit.</returns>
    public static string? Standardise(string? raw) => Standardise(raw, CompanySynonymTable.Uk);

    /// <summary>Standardises one company name with the given synonym table.</summary>
    /// <param name="raw">The name as recorded; may be null.</param>
    /// <param name="synonyms">Synonyms to apply (for example <see cref="CompanySynonymTable.Uk"/> extended by a job's own table).</param>
    /// <returns>The standardised name (tokens joined by single spaces), or null when
    /// <paramref name="raw"/> holds no letter or digit.</returns>
    public static string? Standardise(string? raw, CompanySynonymTable synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        string? folded = NameStandardiser.Fold(raw, ampersandAsWord: true, dropFullStops: true);
        if (folded is null)
        {
            return null;
        }

        var tokens = new List<string>(folded.Split(' '));
        synonyms.Apply(tokens);

        // "the" is removed everywhere, but a name that is only "the" keeps it rather than vanish.
        if (tokens.Count > 1)
        {
            tokens.RemoveAll(static t => t == "the");
            if (tokens.Count == 0)
            {
                tokens.Add("the");
            }
        }

        while (tokens.Count > 1 && TryStripLegalForm(tokens))
        {
            // Each pass removes one trailing legal form: "Smith & Co Ltd" needs two.
        }

        return string.Join(' ', tokens);
    }

    /// <summary>Splits a standardised company name into its tokens.</summary>
    /// <param name="standardised">A value returned by <see cref="Standardise(string?)"/>; may be null.</param>
    /// <returns>The tokens in order; empty for null or blank input.</returns>
    public static IReadOnlyList<string> Tokens(string? standardised)
    {
        if (string.IsNullOrWhiteSpace(standardised))
        {
            return [];
        }

        return standardised.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Removes one trailing legal form, keeping at least one token.</summary>
    private static bool TryStripLegalForm(List<string> tokens)
    {
        foreach (string[] phrase in LegalFormPhrases)
        {
            if (tokens.Count > phrase.Length && EndsWith(tokens, phrase))
            {
                tokens.RemoveRange(tokens.Count - phrase.Length, phrase.Length);
                return true;
            }
        }

        if (LegalFormTokens.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
            return true;
        }

        return false;
    }

    private static bool EndsWith(List<string> tokens, string[] phrase)
    {
        int offset = tokens.Count - phrase.Length;
        for (int i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(tokens[offset + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
