namespace Adrn.Stats.Formulas;

/// <summary>One absorbed fixed effect: a column, or the combination <c>a^b</c> of several (one level per observed combination).</summary>
/// <param name="Variables">The combined columns (one for a simple fixed effect).</param>
public sealed record FixedEffectTerm(IReadOnlyList<string> Variables)
{
    /// <summary>The fixed effect as written, e.g. <c>sic2^year</c>.</summary>
    public string Name => string.Join("^", Variables);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Structural equality.</summary>
    /// <param name="other">The other term.</param>
    public bool Equals(FixedEffectTerm? other) => other is not null && Variables.SequenceEqual(other.Variables);

    /// <inheritdoc />
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}
