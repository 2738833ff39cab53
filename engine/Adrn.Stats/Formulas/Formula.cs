namespace Adrn.Stats.Formulas;

/// <summary>
/// A parsed fixest-style model formula:
/// <c>y ~ x1 + x2 + log(x3) + i(region, ref=TLI) + x1:x2 | fe1 + fe2 + fe1^year | endo ~ inst</c>.
/// </summary>
/// <remarks>
/// Grammar (fixest's): the part before the first <c>|</c> is <c>response ~ terms</c>; terms are joined
/// by <c>+</c>; <c>a:b</c> is an interaction and <c>a*b</c> expands to <c>a + b + a:b</c>; <c>0</c> or
/// <c>-1</c> removes the intercept. An optional second part lists absorbed fixed effects (<c>a^b</c>
/// combines columns); an optional last part <c>endo ~ instruments</c> makes the model IV/2SLS.
/// Functions: <c>log</c>, <c>exp</c>, <c>sqrt</c>, <c>abs</c>; factors: <c>i(var)</c>,
/// <c>i(var, ref=LEVEL)</c>, <c>factor(var)</c>. Column names may be written in backticks.
/// </remarks>
public sealed class Formula
{
    internal Formula(string text, FormulaAtom response, IReadOnlyList<FormulaTerm> terms, bool hasIntercept,
        IReadOnlyList<FixedEffectTerm> fixedEffects, IReadOnlyList<FormulaTerm> endogenous, IReadOnlyList<FormulaTerm> instruments)
    {
        Text = text;
        Response = response;
        Terms = terms;
        HasIntercept = hasIntercept;
        FixedEffects = fixedEffects;
        Endogenous = endogenous;
        Instruments = instruments;
    }

    /// <summary>The formula as given.</summary>
    public string Text { get; }

    /// <summary>The dependent variable (a column or a transformed column such as <c>log(wage)</c>).</summary>
    public FormulaAtom Response { get; }

    /// <summary>The exogenous right-hand-side terms, with <c>a*b</c> already expanded.</summary>
    public IReadOnlyList<FormulaTerm> Terms { get; }

    /// <summary>False when the formula says <c>0</c> or <c>-1</c>. Fixed effects replace the intercept in any case.</summary>
    public bool HasIntercept { get; }

    /// <summary>The absorbed fixed effects (empty when none).</summary>
    public IReadOnlyList<FixedEffectTerm> FixedEffects { get; }

    /// <summary>Endogenous regressors of an IV model (empty for OLS).</summary>
    public IReadOnlyList<FormulaTerm> Endogenous { get; }

    /// <summary>Excluded instruments of an IV model (empty for OLS).</summary>
    public IReadOnlyList<FormulaTerm> Instruments { get; }

    /// <summary>True when the formula has an IV part.</summary>
    public bool IsInstrumental => Endogenous.Count > 0;

    /// <summary>Parses a formula.</summary>
    /// <param name="formula">The formula text.</param>
    /// <exception cref="FormulaParseException">The text is not a valid formula; the message points at the problem.</exception>
    public static Formula Parse(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        return new FormulaParser(formula).Parse();
    }

    /// <summary>Every column the formula reads (response, terms, fixed effects, IV parts), without duplicates.</summary>
    public IReadOnlyList<string> Variables()
    {
        var names = new List<string> { Response.Variable };
        foreach (var t in Terms.Concat(Endogenous).Concat(Instruments))
            names.AddRange(t.Atoms.Select(a => a.Variable));
        foreach (var fe in FixedEffects) names.AddRange(fe.Variables);
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The formula in canonical form.</summary>
    public override string ToString()
    {
        var rhs = new List<string>();
        if (!HasIntercept) rhs.Add("0");
        rhs.AddRange(Terms.Select(t => t.ToString()));
        var text = $"{Response} ~ {(rhs.Count == 0 ? "1" : string.Join(" + ", rhs))}";
        if (FixedEffects.Count > 0) text += " | " + string.Join(" + ", FixedEffects);
        if (IsInstrumental) text += $" | {string.Join(" + ", Endogenous)} ~ {string.Join(" + ", Instruments)}";
        return text;
    }
}
