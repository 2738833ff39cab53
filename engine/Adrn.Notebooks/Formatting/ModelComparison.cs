using Adrn.Stats.Estimation;
using Adrn.Stats.Tables;

namespace Adrn.Notebooks.Formatting;

/// <summary>Several fitted models shown side by side as one table (fixest's <c>etable</c>), each with its output check.</summary>
/// <param name="Title">Heading shown above the table.</param>
/// <param name="Models">The models, in column order.</param>
/// <param name="Note">Optional note shown under the table.</param>
public sealed record ModelComparison(string Title, IReadOnlyList<RegressionResult> Models, string? Note = null)
{
    /// <summary>The table as text (coefficients, fixed effects, N, R² and each model's output check).</summary>
    public override string ToString() => Title + "\n" + ModelTable.Render(Models, TableFormat.Text)
        + string.Join("\n", Models.Select((m, i) => $"({i + 1}) {m.Check}")) + (Note is null ? string.Empty : "\n" + Note);
}
