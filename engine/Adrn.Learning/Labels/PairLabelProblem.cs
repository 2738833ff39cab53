namespace Adrn.Learning.Labels;

/// <summary>One problem found in a labels file.</summary>
/// <param name="File">The labels file.</param>
/// <param name="Line">Line of the offending row (the header is line 1).</param>
/// <param name="IdLeft">The row's <c>id_l</c> (may be empty).</param>
/// <param name="IdRight">The row's <c>id_r</c> (may be empty).</param>
/// <param name="Reason">What is wrong, e.g. <c>unknown id_l</c>, <c>duplicate of line 4</c>.</param>
public sealed record PairLabelProblem(string File, int Line, string IdLeft, string IdRight, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}, line {Line} (id_l '{IdLeft}', id_r '{IdRight}'): {Reason}";
}
