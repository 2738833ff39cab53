using Adrn.Linkage.Configuration;
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
            var classes = new Dictionary<string, DataClassification>(StringComparer.Ordinal);
            foreach (var column in ReleaseVariablesColumns(v))
                if (source.ClassificationOf(column) is { } c) classes[column] = c;
            var at = $"release.variables.{v.Name}: ";
            switch (v.Derive)
            {
                case VariableDerivation.Copy:
                case VariableDerivation.Log:
                    problems.AddRange(ResearchOutputPolicy.Check(OutputName, source.Name, [v.Column], classes).Select(p => at + p));
                    break;
                case VariableDerivation.LogRatio:
                    problems.AddRange(ResearchOutputPolicy.Check(OutputName, source.Name, [v.Column, v.With!], classes).Select(p => at + p));
                    break;
                case VariableDerivation.YearOf:
                case VariableDerivation.Age:
                    var dateClass = source.ClassificationOf(v.Column);
                    if (dateClass is null)
                        problems.Add($"{at}{source.Name} column '{v.Column}' is unclassified; classify it before {OutputName} may carry a year derived from it");
                    else if (dateClass == DataClassification.DirectIdentifier)
                        problems.Add($"{at}{source.Name} column '{v.Column}' is a direct_identifier: nothing derived from it may enter {OutputName}");
                    if (v.Derive == VariableDerivation.Age)
                        problems.AddRange(ResearchOutputPolicy.Check(OutputName, source.Name, [v.With!], classes).Select(p => at + p));
                    break;
            }
        }

        return problems;
    }

    private static IEnumerable<string> ReleaseVariablesColumns(ReleaseVariableSpec v) => v.With is null ? [v.Column] : [v.Column, v.With];
}
