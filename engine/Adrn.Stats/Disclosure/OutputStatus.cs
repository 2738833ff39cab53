namespace Adrn.Stats.Disclosure;

/// <summary>The verdict of an output (disclosure) check, as recorded for the output checker.</summary>
public enum OutputStatus
{
    /// <summary>Every rule passed; the output may be released.</summary>
    Pass,

    /// <summary>At least one rule failed; the output must not be released as it is.</summary>
    Fail,

    /// <summary>No rule failed but a person must look (for example zero cells, or cells suppressed and totals shown).</summary>
    Review,
}
