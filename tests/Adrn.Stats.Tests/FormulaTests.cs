using Adrn.Stats.Formulas;

namespace Adrn.Stats.Tests;

/// <summary>Formula grammar as fixest documents it (feols formula: y ~ x | fe | endo ~ inst).</summary>
public sealed class FormulaTests
{
    [Fact]
    public void Full_formula_is_split_into_response_terms_fixed_effects_and_iv_parts()
    {
        var f = Formula.Parse("log(wage) ~ x1 + x2 + log(x3) + i(region, ref=TLI) | fe1 + fe2 + fe1^year | endo ~ inst");
        Assert.Equal("log(wage)", f.Response.ToString());
        Assert.Equal(["x1", "x2", "log(x3)", "i(region, ref=TLI)"], f.Terms.Select(t => t.ToString()));
        Assert.Equal("TLI", f.Terms[3].Atoms[0].ReferenceLevel);
        Assert.Equal(["fe1", "fe2", "fe1^year"], f.FixedEffects.Select(e => e.Name));
        Assert.Equal(["endo"], f.Endogenous.Select(t => t.ToString()));
        Assert.Equal(["inst"], f.Instruments.Select(t => t.ToString()));
        Assert.True(f.IsInstrumental);
    }

    [Fact]
    public void Star_expands_to_main_effects_and_interaction_in_R_order()
    {
        var f = Formula.Parse("y ~ a*b*c");
        Assert.Equal(["a", "b", "a:b", "c", "a:c", "b:c", "a:b:c"], f.Terms.Select(t => t.ToString()));
    }

    [Fact]
    public void Iv_part_may_follow_the_terms_directly_without_fixed_effects()
    {
        var f = Formula.Parse("y ~ x | d ~ z1 + z2");
        Assert.Empty(f.FixedEffects);
        Assert.Equal(["z1", "z2"], f.Instruments.Select(t => t.ToString()));
    }

    [Theory]
    [InlineData("y ~ 0 + x")]
    [InlineData("y ~ x - 1")]
    public void Zero_or_minus_one_removes_the_intercept(string text) => Assert.False(Formula.Parse(text).HasIntercept);

    [Theory]
    [InlineData("y ~ ", 4)]
    [InlineData("y x1", 2)]
    [InlineData("y ~ x1 + mean(x2)", 9)]
    [InlineData("y ~ x | a | b | c", 12)]
    public void Malformed_formulas_fail_with_the_position_of_the_problem(string text, int position)
    {
        var ex = Assert.Throws<FormulaParseException>(() => Formula.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iid", "iid")]
    [InlineData("HETERO", "hc1")]
    [InlineData("hc3", "hc3")]
    [InlineData("cluster:firm", "cluster:firm")]
    [InlineData("cluster: firm + year ", "cluster:firm+year")]
    public void Vcov_specifications_parse_from_the_cli_syntax(string text, string canonical) =>
        Assert.Equal(canonical, Adrn.Stats.Estimation.VcovSpec.Parse(text).ToString());

    [Theory]
    [InlineData("cluster")]
    [InlineData("cluster:a+b+c")]
    [InlineData("robust")]
    [InlineData("iid:x")]
    public void Invalid_vcov_specifications_are_rejected_with_the_accepted_forms(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Adrn.Stats.Estimation.VcovSpec.Parse(text));
        Assert.Contains("cluster:", ex.Message, StringComparison.Ordinal);
    }
}
