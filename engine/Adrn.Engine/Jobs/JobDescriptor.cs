namespace Adrn.Engine.Jobs;

/// <summary>
/// What a linkage job is: the job file, its variables and where its results go. Journalled when the
/// job starts, so a resumed job needs only its id.
/// </summary>
/// <param name="JobId">Identifier of the job, unique within a journal (letters, digits, '-', '_').</param>
/// <param name="ConfigPath">Absolute path of the JSON job file.</param>
/// <param name="OutputDirectory">Absolute path of the folder that receives partition results and outputs.</param>
/// <param name="Variables">Values for <c>${name}</c> placeholders in the job file; may be empty.</param>
/// <param name="TruthPath">Optional file of true pairs; when given, the outputs include quality figures.</param>
/// <param name="ReplaceOutputs">Whether outputs of another job in <paramref name="OutputDirectory"/> are replaced (<c>--force</c>) rather than refused.</param>
/// <param name="Formats">Output table formats (<c>arrow</c>, <c>csv</c>, <c>parquet</c>) instead of the job file's <c>outputs.formats</c>, or null.</param>
public sealed record JobDescriptor(
    string JobId,
    string ConfigPath,
    string OutputDirectory,
    IReadOnlyDictionary<string, string> Variables,
    string? TruthPath = null,
    bool ReplaceOutputs = false,
    IReadOnlyList<string>? Formats = null)
{
    /// <summary>The folder under <see cref="OutputDirectory"/> that holds per-partition result files.</summary>
    public string PartitionDirectory => Path.Combine(OutputDirectory, "partitions");

    /// <summary>
    /// Checks that a job id is usable in file names and journal keys.
    /// </summary>
    /// <param name="jobId">The candidate id.</param>
    /// <returns><paramref name="jobId"/> unchanged.</returns>
    /// <exception cref="ArgumentException">The id is empty, longer than 64 characters or has other characters than letters, digits, '-' and '_'.</exception>
    public static string ValidateJobId(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        if (jobId.Length > 64 || !jobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException(
                $"Job id '{jobId}' is not usable: use at most 64 letters, digits, '-' or '_'.", nameof(jobId));
        }

        return jobId;
    }

    /// <summary>Creates a fresh job id from the current UTC time and a random suffix, e.g. <c>20261125-221503-3fa2</c>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>A new id.</returns>
    public static string NewJobId(DateTimeOffset now) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}");
}
