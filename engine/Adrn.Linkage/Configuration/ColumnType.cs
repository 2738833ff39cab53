namespace Adrn.Linkage.Configuration;

/// <summary>The logical type of a job column: it decides what is precomputed per value when the data is prepared.</summary>
public enum ColumnType
{
    /// <summary>Free text compared as a string (default).</summary>
    Text,

    /// <summary>A person's forename or surname (default standardiser <c>name</c>).</summary>
    Name,

    /// <summary>An organisation name: tokenised, token rarity known (default standardiser <c>company_name</c>).</summary>
    CompanyName,

    /// <summary>A UK postcode: unit, sector, district and area are precomputed (default standardiser <c>postcode</c>).</summary>
    Postcode,

    /// <summary>A calendar date parsed with the source's <c>date_formats</c>; unparseable values become null and are counted.</summary>
    Date,

    /// <summary>A number parsed with the invariant culture; unparseable values become null and are counted.</summary>
    Number,

    /// <summary>A National Insurance number (default standardiser <c>nino</c>).</summary>
    Nino,

    /// <summary>
    /// A keyed Bloom-filter encoding written by <c>adrn encode</c> (base64 of 64-bit words); compared with
    /// <c>dice</c> levels. Values that are not such an encoding become null and are counted.
    /// </summary>
    BloomFilter,
}
