using System.Globalization;

namespace Adrn.Dataset.Status;

/// <summary>
/// The quality-drift alarm: a wave whose link rate falls more than <see cref="LinkRateDrop"/> below the mean of the earlier
/// waves of the same link, or whose mean match probability falls more than <see cref="ProbabilityDrop"/> below theirs. Only
/// waves linked against a non-empty spine are compared (the first wave of a spine has nothing to link to).
/// </summary>
internal static class QualityDrift
{
    /// <summary>Drop in link rate (absolute) that raises the alarm.</summary>
    public const double LinkRateDrop = 0.10;

    /// <summary>Drop in mean match probability (absolute) that raises the alarm.</summary>
    public const double ProbabilityDrop = 0.05;

    public static IReadOnlyList<string> Warnings(IEnumerable<WaveLinkSummary> summariesInOrder)
    {
        var ci = CultureInfo.InvariantCulture;
        var warnings = new List<string>();
        foreach (var link in summariesInOrder.Where(s => s.SpineEntitiesBefore > 0 && s.Records > 0).GroupBy(s => (s.Source, s.Spine)))
        {
            var earlier = new List<WaveLinkSummary>();
            foreach (var s in link)
            {
                if (earlier.Count > 0)
                {
                    var rate = earlier.Average(e => e.LinkRate);
                    if (s.LinkRate < rate - LinkRateDrop)
                        warnings.Add(string.Create(ci, $"{s.Source} wave {s.Wave} -> {s.Spine}: link rate {s.LinkRate:P1} against {rate:P1} in the earlier waves (a drop of more than {LinkRateDrop:P0}); check the wave's quality or the job before releasing."));
                    var probabilities = earlier.Where(e => e.MeanProbability is not null).Select(e => e.MeanProbability!.Value).ToList();
                    if (s.MeanProbability is { } p && probabilities.Count > 0 && p < probabilities.Average() - ProbabilityDrop)
                        warnings.Add(string.Create(ci, $"{s.Source} wave {s.Wave} -> {s.Spine}: mean match probability {p:F3} against {probabilities.Average():F3} in the earlier waves (a drop of more than {ProbabilityDrop:F2})."));
                }

                earlier.Add(s);
            }
        }

        return warnings;
    }
}
