namespace Adrn.Stats.Formulas;

/// <summary>One right-hand-side term: a single atom or an interaction <c>a:b</c> of several.</summary>
/// <param name="Atoms">The interacted atoms, in the order written (one for a main effect).</param>
public sealed record FormulaTerm(IReadOnlyList<FormulaAtom> Atoms)
{
    /// <summary>The term as written, atoms joined by <c>:</c>.</summary>
    public override string ToString() => string.Join(":", Atoms);

    /// <summary>Structural equality (records compare lists by reference otherwise).</summary>
    /// <param name="other">The other term.</param>
    public bool Equals(FormulaTerm? other) => other is not null && Atoms.SequenceEqual(other.Atoms);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
