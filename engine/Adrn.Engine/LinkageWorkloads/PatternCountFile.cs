using System.Text;
using Adrn.Linkage.Training;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// The result file of a counting task: one agreement-pattern histogram (a few hundred patterns at most,
/// so kilobytes whatever the partition's size). Patterns are written in ascending order, so two runs of
/// the same unit write byte-identical files (a duplicate run's result is interchangeable).
/// </summary>
internal static class PatternCountFile
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("ADRNPC01");

    /// <summary>Writes <paramref name="counts"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, AgreementPatternCounts counts)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false);
        writer.Write(Magic);
        writer.Write(counts.ComparisonCount);
        writer.Write(counts.PatternCount);
        foreach (var pattern in counts.Counts.Keys.Order())
        {
            writer.Write(pattern);
            writer.Write(counts.Counts[pattern]);
        }
    }

    /// <summary>Reads a histogram written by <see cref="Write"/>, checking it has <paramref name="comparisonCount"/> comparisons.</summary>
    public static AgreementPatternCounts Read(string path, int comparisonCount)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: false);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not an adrn pattern-count file; delete it and resume the job to count the partition again.");
        }

        var k = reader.ReadInt32();
        if (k != comparisonCount)
        {
            throw new InvalidDataException($"{path} counts patterns of {k} comparisons but the job has {comparisonCount}; delete it and resume the job.");
        }

        var counts = new AgreementPatternCounts(k);
        var patterns = reader.ReadInt32();
        for (var i = 0; i < patterns; i++)
        {
            var pattern = reader.ReadUInt64();
            counts.AddPacked(pattern, reader.ReadInt64());
        }

        return counts;
    }
}
