namespace Adrn.Stats.Formulas;

/// <summary>What a formula atom evaluates to.</summary>
public enum FormulaAtomKind
{
    /// <summary>A column used as it is (numeric, or a factor if the column holds text).</summary>
    Variable,

    /// <summary>A transformed numeric column: <c>log(x)</c>, <c>exp(x)</c>, <c>sqrt(x)</c>, <c>abs(x)</c>.</summary>
    Function,

    /// <summary>A factor expanded to dummies: <c>i(region)</c>, <c>i(region, ref=TLI)</c>, <c>factor(region)</c>.</summary>
    Factor,
}
