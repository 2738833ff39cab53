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
}
