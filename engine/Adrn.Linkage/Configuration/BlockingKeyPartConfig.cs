namespace Adrn.Linkage.Configuration;

/// <summary>One AND-ed part of a blocking rule.</summary>
public sealed record BlockingKeyPartConfig
{
    /// <summary>Job column the part is derived from.</summary>
    public required string Column { get; init; }

    /// <summary>Derivation (default exact).</summary>
    public BlockingKeyMethod Method { get; init; } = BlockingKeyMethod.Exact;

    /// <summary>Prefix length for <see cref="BlockingKeyMethod.Prefix"/> (1..50).</summary>
    public int Length { get; init; }

    /// <summary>Readable form, e.g. <c>prefix(surname,3)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Method switch
    {
        BlockingKeyMethod.Exact => Column,
        BlockingKeyMethod.Prefix => $"prefix({Column},{Length})",
        _ => $"{Method.ToString().ToSnakeCase()}({Column})",
    };
}
