using System.Globalization;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.Tables;

/// <summary>
/// Warnings for cluster-robust standard errors with few clusters: below 30 clusters the sandwich estimator is biased
/// downwards and the t(G − 1) reference is rough (Cameron, Gelbach and Miller 2008; Cameron and Miller 2015); below 10
/// the standard errors should not be relied on. fixest prints the number of clusters and leaves the judgement to the
/// reader; a table shown to others should carry it.
/// </summary>
public static class ClusterWarning
{
    /// <summary>Fewer clusters than this gets a warning.</summary>
    public const int Few = 30;

    /// <summary>Fewer clusters than this gets a strong warning.</summary>
    public const int VeryFew = 10;

    /// <summary>The warnings of one model (none when it is not clustered or has enough clusters).</summary>
    /// <param name="model">A fitted model.</param>
    /// <param name="label">How to name the model in the message, e.g. <c>(2)</c>.</param>
    /// <returns>The warnings, plain language.</returns>
    public static IReadOnlyList<string> For(RegressionResult model, string label)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(label);
        var warnings = new List<string>();
        var names = model.Vcov.ClusterVariables;
        for (var c = 0; c < model.ClusterCounts.Count && c < names.Count; c++)
        {
            var g = model.ClusterCounts[c];
            if (g < VeryFew)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"model {label}: only {g} clusters of '{names[c]}' (fewer than {VeryFew}): cluster-robust standard errors and their t({model.TDistributionDf}) p-values are unreliable; cluster on a variable with many more groups, or use a wild cluster bootstrap."));
            }
            else if (g < Few)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"model {label}: {g} clusters of '{names[c]}' (fewer than {Few}): cluster-robust standard errors tend to be too small; read the p-values with caution."));
            }
        }

        return warnings;
    }

    /// <summary>The warnings of every model of a table, labelled (1), (2), ... in column order.</summary>
    /// <param name="models">The models.</param>
    /// <returns>The warnings.</returns>
    public static IReadOnlyList<string> For(IReadOnlyList<RegressionResult> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        return [.. models.SelectMany((m, i) => For(m, $"({i + 1})"))];
    }
}
