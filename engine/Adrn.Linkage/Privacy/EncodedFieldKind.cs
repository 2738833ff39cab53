namespace Adrn.Linkage.Privacy;

/// <summary>How a field is standardised before it is encoded into a Bloom filter.</summary>
public enum EncodedFieldKind
{
    /// <summary>Personal name: <see cref="Standardisation.NameStandardiser"/>, then q-grams.</summary>
    Name,

    /// <summary>Company name: <see cref="Standardisation.CompanyNameStandardiser"/>, then q-grams.</summary>
    CompanyName,

    /// <summary>UK postcode: normalised (<see cref="Standardisation.UkPostcode"/>), then q-grams.</summary>
    Postcode,

    /// <summary>Date: parsed, then day, month, year and the unordered day–month pair as tokens.</summary>
    Date,

    /// <summary>Other text: trimmed and lower-cased, then q-grams.</summary>
    Text,
}
