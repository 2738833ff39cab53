using System.Security.Cryptography;
using Adrn.Engine.Jobs;

namespace Adrn.Engine.Workloads;

/// <summary>
/// Writes partition result files atomically (temporary file, then rename) and checks them later
/// by checksum, so a crash never leaves a half-written file that looks finished.
/// </summary>
public static class PartitionResultFile
{
    /// <summary>The result file path of a partition, relative to the job's output folder.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="partition">The partition index.</param>
    /// <returns>For example <c>partitions/scores-p00007.arrow</c>.</returns>
    public static string RelativePath(JobPhase phase, int partition) =>
        phase switch
        {
            JobPhase.Counting => FormattableString.Invariant($"partitions/counts-p{partition:D5}.bin"),
            _ => FormattableString.Invariant($"partitions/scores-p{partition:D5}.arrow"),
        };

    /// <summary>
    /// Runs <paramref name="write"/> against a fresh temporary file next to the final path, then
    /// renames it into place and returns the journal record of the finished partition.
    /// </summary>
    /// <param name="job">The job (gives the output folder).</param>
    /// <param name="phase">The phase.</param>
    /// <param name="partition">The partition index.</param>
    /// <param name="write">Writes the result to the path it is given.</param>
    /// <returns>The finished partition with row count and checksum.</returns>
    public static PartitionResult Write(JobDescriptor job, JobPhase phase, int partition, Func<string, PartitionWork> write)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(write);
        var relative = RelativePath(phase, partition);
        var finalPath = Path.Combine(job.OutputDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);

        // NOTE: the temporary name is unique per attempt: a task handed out again while the first
        // worker still runs must not let two writers share a file. Both produce the same bytes, and
        // rename is atomic, so whichever rename lands last leaves an identical, complete file.
        var tempPath = $"{finalPath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var work = write(tempPath);
            var sha = Sha256(tempPath);
            File.Move(tempPath, finalPath, overwrite: true);
            return new PartitionResult(phase, partition, relative, work.Rows, sha, work.PairsCompared);
        }
        finally
        {
            if (File.Exists(tempPath))
            {
                File.Delete(tempPath);
            }
        }
    }

    /// <summary>True when the file of <paramref name="result"/> exists and still has its journalled checksum.</summary>
    /// <param name="job">The job (gives the output folder).</param>
    /// <param name="result">The journalled partition.</param>
    /// <returns>Whether the file can be trusted.</returns>
    public static bool IsIntact(JobDescriptor job, PartitionResult result)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(result);
        var path = Path.Combine(job.OutputDirectory, result.RelativePath);
        return File.Exists(path) && string.Equals(Sha256(path), result.Sha256, StringComparison.Ordinal);
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <returns>64 hex characters.</returns>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
