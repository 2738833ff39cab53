namespace Adrn.Linkage.Configuration;

/// <summary>Which record pairs a job compares (Splink's <c>link_type</c>).</summary>
public enum LinkType
{
    /// <summary>Two sources; only pairs with one record from each source (left = first source).</summary>
    LinkOnly,

    /// <summary>One source; every unordered pair of distinct records of that source.</summary>
    DedupeOnly,

    /// <summary>One or more sources; every unordered pair of distinct records, within and across sources.</summary>
    LinkAndDedupe,
}
