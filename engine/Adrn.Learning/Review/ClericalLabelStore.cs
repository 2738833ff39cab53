using Adrn.Learning.Labels;

namespace Adrn.Learning.Review;

/// <summary>
/// The clerical decisions accumulated for a job, kept in <c>clerical-labels.csv</c> in the job folder. Importing a
/// reviewed sheet adds its decisions; a decision that contradicts one already stored is an error (listing both), never
/// a silent overwrite.
/// </summary>
public static class ClericalLabelStore
{
    /// <summary>File name of the store inside the job folder.</summary>
    public const string FileName = "clerical-labels.csv";

    /// <summary>Reads the stored labels of a job folder (empty when there are none yet).</summary>
    /// <param name="jobDirectory">The job folder.</param>
    /// <param name="lookup">Record lookup of the job.</param>
    /// <returns>The labels.</returns>
    public static IReadOnlyList<PairLabel> Read(string jobDirectory, RecordLookup lookup)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobDirectory);
        var path = Path.Combine(jobDirectory, FileName);
        return File.Exists(path) ? PairLabelFile.Load(path, lookup) : [];
    }

    /// <summary>Validates a labels file and adds its labels to the store.</summary>
    /// <param name="jobDirectory">The job folder.</param>
    /// <param name="labelsPath">The reviewed sheet or labels file.</param>
    /// <param name="lookup">Record lookup of the job.</param>
    /// <returns>The imported labels, and how many of them were new (not already stored with the same decision).</returns>
    /// <exception cref="PairLabelFileException">The file has problems, or contradicts stored decisions (all listed).</exception>
    public static (IReadOnlyList<PairLabel> Imported, int Added) Import(string jobDirectory, string labelsPath, RecordLookup lookup)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelsPath);
        ArgumentNullException.ThrowIfNull(lookup);
        var imported = PairLabelFile.LoadWithLines(labelsPath, lookup);
        var stored = Read(jobDirectory, lookup).ToList();
        var known = stored.ToDictionary(l => (l.Left, l.Right), l => l.IsMatch);
        var ids = lookup.Prepared.Records.Ids;
        var problems = new List<PairLabelProblem>();
        var added = 0;
        foreach (var (label, line) in imported)
        {
            if (known.TryGetValue((label.Left, label.Right), out var before))
            {
                if (before != label.IsMatch)
                    problems.Add(new PairLabelProblem(labelsPath, line, ids[label.Left], ids[label.Right],
                        $"contradicts the decision already stored in {FileName} ({(before ? "match" : "non-match")}); correct that file or this one"));
                continue;
            }

            known[(label.Left, label.Right)] = label.IsMatch;
            stored.Add(label);
            added++;
        }

        if (problems.Count > 0) throw new PairLabelFileException(problems);
        Directory.CreateDirectory(jobDirectory);
        PairLabelFile.Write(Path.Combine(jobDirectory, FileName), stored, lookup);
        return (imported.Select(x => x.Label).ToList(), added);
    }
}
