namespace Adrn.Stats.Formulas;

/// <summary>The smallest piece of a formula term: a column, a transformed column or a factor.</summary>
/// <param name="Kind">What the atom evaluates to.</param>
/// <param name="Variable">The column it reads.</param>
/// <param name="Function">For <see cref="FormulaAtomKind.Function"/>: <c>log</c>, <c>exp</c>, <c>sqrt</c> or <c>abs</c>; otherwise null.</param>
/// <param name="ReferenceLevel">For factors: the level left out (from <c>ref=</c>); null when none was given.</param>
public sealed record FormulaAtom(FormulaAtomKind Kind, string Variable, string? Function = null, string? ReferenceLevel = null)
{
    /// <summary>The atom as written in fixest notation, e.g. <c>log(x3)</c> or <c>i(region, ref=TLI)</c>.</summary>
    public override string ToString() => Kind switch
    {
        FormulaAtomKind.Function => $"{Function}({Variable})",
        FormulaAtomKind.Factor => ReferenceLevel is null ? $"i({Variable})" : $"i({Variable}, ref={ReferenceLevel})",
        _ => Variable,
    };
}
