namespace Adrn.Linkage.Configuration;

/// <summary>The test a comparison level applies to a pair of values.</summary>
public enum ComparisonLevelKind
{
    /// <summary>Standardised values equal (for dates: same day; for postcodes: same unit).</summary>
    Exact,

    /// <summary>Jaro–Winkler similarity &gt;= threshold.</summary>
    JaroWinkler,

    /// <summary>Jaro similarity &gt;= threshold.</summary>
    Jaro,

    /// <summary>Levenshtein distance &lt;= threshold.</summary>
    Levenshtein,

    /// <summary>Damerau–Levenshtein distance (unrestricted) &lt;= threshold.</summary>
    DamerauLevenshtein,

    /// <summary>Rarity-weighted token-set similarity of company names &gt;= threshold.</summary>
    TokenSet,

    /// <summary>Dates whose <c>yyyyMMdd</c> forms differ in exactly one character.</summary>
    DateOneCharacter,

    /// <summary>Dates equal once day and month of one side are swapped.</summary>
    DateDayMonthSwap,

    /// <summary>Dates at most <c>threshold</c> days apart.</summary>
    DateWithinDays,

    /// <summary>Same postcode sector.</summary>
    PostcodeSector,

    /// <summary>Same postcode district.</summary>
    PostcodeDistrict,

    /// <summary>Same postcode area.</summary>
    PostcodeArea,

    /// <summary>|a - b| &lt;= threshold.</summary>
    NumericAbsolute,

    /// <summary>|a - b| / max(|a|, |b|) &lt;= threshold.</summary>
    NumericRelative,

    /// <summary>The column of one record equals <c>other_column</c> of the other and vice versa (e.g. forename/surname swapped).</summary>
    Swapped,

    /// <summary>Dice coefficient of two Bloom-filter encodings at or above <c>threshold</c> (0..1).</summary>
    Dice,

    /// <summary>
    /// Soft TF-IDF similarity of two company names (Cohen, Ravikumar &amp; Fienberg 2003) at or above <c>threshold</c>: tokens
    /// weighted by rarity (IDF), each token matched to its most similar token of the other name by Jaro–Winkler when that
    /// similarity is at least <c>token_threshold</c>; symmetric (the mean of both directions). Tokens are first re-cut
    /// against the column's vocabulary so glued and split words agree.
    /// </summary>
    SoftTfidf,

    /// <summary>
    /// Rarity-weighted Monge–Elkan similarity of two company names at or above <c>threshold</c>: the IDF-weighted mean over
    /// one name's tokens of the best Jaro–Winkler similarity to a token of the other, averaged over both directions (tokens
    /// re-cut for glued and split words as for <see cref="SoftTfidf"/>).
    /// </summary>
    MongeElkan,

    /// <summary>The reference parts of two PAYE references agree (<c>AB56789</c> of <c>123/AB56789</c>), whatever their office parts.</summary>
    PayeReference,
}
