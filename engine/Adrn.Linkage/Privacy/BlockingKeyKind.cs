namespace Adrn.Linkage.Privacy;

/// <summary>
/// A value derived from a field before it is replaced by a keyed HMAC, so the linking party can block
/// on it without seeing it.
/// </summary>
public enum BlockingKeyKind
{
    /// <summary>The standardised value itself.</summary>
    Exact,

    /// <summary>Year of a date.</summary>
    Year,

    /// <summary>Postcode district (outward code).</summary>
    District,

    /// <summary>Postcode sector (outward code and sector digit).</summary>
    Sector,

    /// <summary>Postcode area (letters of the outward code).</summary>
    Area,

    /// <summary>American Soundex of a name.</summary>
    Soundex,

    /// <summary>Primary Double Metaphone code of a name.</summary>
    Metaphone,

    /// <summary>First character of a standardised name.</summary>
    Initial,
}
