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

    /// <summary>
    /// MinHash locality-sensitive hashing of the value's character q-grams (spaces removed): one key per band, so two
    /// values are a candidate pair when some band of their signatures agrees; values of Jaccard similarity s share a
    /// band with probability 1 − (1 − s^rows)^bands. Several keys per record.
    /// </summary>
    Minhash,

    /// <summary>Soundex code of each token (word) of the value: records sharing any token's code are candidates. Several keys per record.</summary>
    TokenSoundex,

    /// <summary>Primary Double Metaphone code of each token of the value: records sharing any token's code are candidates. Several keys per record.</summary>
    TokenDoubleMetaphone,

    /// <summary>Tax-office part of a PAYE reference (<c>123</c> of <c>123/AB56789</c>).</summary>
    PayeOffice,

    /// <summary>Reference part of a PAYE reference (<c>AB56789</c> of <c>123/AB56789</c>), whatever the office part.</summary>
    PayeReference,

    /// <summary>
    /// The value and each of its one-character deletions: two values within one edit (substitution, insertion, deletion
    /// or adjacent transposition) share a key. Several keys per record.
    /// </summary>
    OneEdit,

    /// <summary>A National Insurance number without its suffix letter (the first 8 characters).</summary>
    NinoWithoutSuffix,
}
