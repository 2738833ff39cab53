using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Spec;

/// <summary>
/// What may enter a research release (docs/privacy.md, docs/dataset.md): attributes only. A copied, logged or divided
/// column must be an attribute of its source; a year or an age may be derived from a date that is a quasi-identifier
/// (a coarsening), never from a direct identifier; an unclassified column is refused. Checked when a spec is read and
/// again before a release writes anything.
/// </summary>
internal static class ReleasePolicy
{
    public const string OutputName = "a research release";

    public static IReadOnlyList<string> Problems(DatasetSpec spec)
    {
        var problems = new List<string>();
        foreach (var v in spec.Release.Variables)
        {
            var source = spec.Sources.FirstOrDefault(s => s.Name == v.Source);
            if (source is null) continue;
            problems.AddRange(ResearchOutputPolicy.CheckVariable(OutputName, source.Name, v.Derive, v.Column, v.With, source.ClassificationOf)
                .Select(p => $"release.variables.{v.Name}: {p}"));
        }

        return problems;
    }
}
