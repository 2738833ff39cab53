using System.Globalization;
using Adrn.Linkage.Model;

namespace Adrn.Linkage.Reporting;

/// <summary>The trained model's parameters as a few lines of text, for a console (what <c>adrn link</c> prints at the end).</summary>
public static class ModelSummary
{
    /// <summary>One line for λ, then one per comparison: each non-null level with m, u and its match weight.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> Lines(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ci = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(ci, $"model: λ = {model.ProbabilityTwoRandomRecordsMatch:G4} (prior match weight {model.PriorMatchWeight:F2}); per level m, u, weight log2(m/u):"),
        };
        foreach (var comparison in model.Comparisons)
        {
            var levels = comparison.Levels.Where(l => l.Gamma >= 0)
                .Select(l => string.Create(ci, $"{l.Label} m {l.M:G3} u {l.U:G3} w {l.MatchWeight:+0.00;-0.00}"));
            lines.Add($"  {comparison.Name}: {string.Join("; ", levels)}");
        }

        return lines;
    }
}
