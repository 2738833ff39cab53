namespace Adrn.Linkage.Configuration;

/// <summary>How a raw column value is cleaned before it is interned and compared.</summary>
public enum StandardiserKind
{
    /// <summary>Value used as read (only surrounding white space removed; empty becomes null).</summary>
    None,

    /// <summary>Upper-cased invariantly and trimmed.</summary>
    Upper,

    /// <summary>Lower-cased invariantly and trimmed.</summary>
    Lower,

    /// <summary><c>NameStandardiser</c>: case, accents, punctuation.</summary>
    Name,

    /// <summary><c>CompanyNameStandardiser</c>: legal-form words, <c>&amp;</c>/and, punctuation.</summary>
    CompanyName,

    /// <summary><c>UkPostcode.Normalise</c>: canonical <c>AA9A 9AA</c> spelling; invalid postcodes become null.</summary>
    Postcode,

    /// <summary><c>Nino.Normalise</c>: upper case, no spaces.</summary>
    Nino,
}
