namespace Adrn.Linkage.Configuration;

/// <summary>How one part of a blocking key is derived from a column value.</summary>
public enum BlockingKeyMethod
{
    /// <summary>The standardised value itself.</summary>
    Exact,

    /// <summary>The first <c>length</c> characters.</summary>
    Prefix,

    /// <summary>American Soundex code.</summary>
    Soundex,

    /// <summary>Primary Double Metaphone code.</summary>
    DoubleMetaphone,

    /// <summary>Postcode area (e.g. <c>SW</c>).</summary>
    PostcodeArea,

    /// <summary>Postcode district (outward code, e.g. <c>SW1A</c>).</summary>
    PostcodeDistrict,

    /// <summary>Postcode sector (e.g. <c>SW1A 1</c>).</summary>
    PostcodeSector,

    /// <summary>Calendar year of a date column.</summary>
    Year,

    /// <summary>The rarest token of a company name (rarity counted over all sources).</summary>
    RarestToken,
}
