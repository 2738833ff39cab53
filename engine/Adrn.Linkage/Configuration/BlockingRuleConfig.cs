namespace Adrn.Linkage.Configuration;

/// <summary>A blocking rule: a pair is a candidate when every part agrees (and no part is null).</summary>
public sealed record BlockingRuleConfig
{
    /// <summary>Name used in reports and error messages (default: the parts joined by <c> &amp; </c>).</summary>
    public required string Name { get; init; }

    /// <summary>The AND-ed key parts (at least one).</summary>
    public required IReadOnlyList<BlockingKeyPartConfig> Parts { get; init; }
}
