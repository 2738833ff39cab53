namespace Adrn.Synthetic.Register;

/// <summary>One enterprise of the business register with its true attributes.</summary>
internal sealed class Firm
{
    public int Index { get; init; }

    /// <summary>Index of the firm this one was made to look like, or -1.</summary>
    public int LookAlikeOf { get; init; } = -1;
    // NOTE: identifiers, address and postcode text are computed on demand from compact fields:
    // a million firms would otherwise hold several hundred megabytes of strings.
    public string EmployerId => Identifiers.EmployerId(Index);
    public string PayeReference => Identifiers.PayeReference(Index, TaxOffice);
    public string CompanyNumber => Identifiers.CompanyNumber(Index, CompanyNumberPrefix);
    public string Address => CompanyNameGenerator.FormatAddress(AddressCode);
    public string PostcodeText => Reference.Postcode.Format(Postcode);
    public short TaxOffice { get; init; }
    public string? CompanyNumberPrefix { get; init; }
    public int AddressCode { get; init; }
    public required CompanyName Name { get; init; }
    public string? TradingName { get; set; }
    public int Area { get; init; }
    public int Postcode { get; init; }
    public int Region { get; init; }
    public int Section { get; init; }
    public required string Division { get; init; }
    public int BirthYear { get; init; }
    public int Employment { get; init; }
    public int Exporter { get; init; }
    public int ForeignOwned { get; init; }
    public double Management { get; init; }
    public double Investment { get; init; }

    /// <summary>AKM firm wage effect ψ (log points).</summary>
    public double WageEffect { get; set; }

    /// <summary>Mean skill of the firm's workers in the reference (first) year.</summary>
    public double MeanSkill { get; set; }

    /// <summary>Planted log GVA per worker (before the loss-making override).</summary>
    public double LogGvaPerWorker { get; set; }

    /// <summary>True when GVA was replaced by a value ≤ 0 (randomly chosen loss-making firm).</summary>
    public bool LossMaking { get; set; }

    public double Gva { get; set; }
    public double Turnover { get; set; }
}
