using System.Text.Json;
using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Output;

/// <summary>
/// A job's claim on its output folder, held while the job writes there. It makes output folders safe: a folder
/// holding another job's outputs is refused unless they are to be replaced; two jobs cannot write into one folder
/// at once (an exclusive lock file, released by the operating system even when the process is killed); a resumed
/// job must own the folder; outputs are written to a private staging folder and published together, so a reader
/// (or a crash) never sees a mix of two jobs' files; and files a killed run left half-written are removed.
/// </summary>
/// <remarks>
/// Layout inside the folder: <c>.adrn/owner.json</c> (the job that owns it), <c>.adrn/lock</c> (open while a job
/// writes), <c>.adrn/staging/</c> (outputs being written; <c>publish.json</c> lists them while they are moved into
/// place, so a publish cut short is completed the next time the folder is claimed).
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    /// <summary>Names of the files and folders a linkage job writes into its output folder (extensions vary by format).</summary>
    private static readonly string[] OutputStems = ["links", "pairs", "clusters", "model", "quarantine", "report", "learned-model"];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
    private readonly FileStream _lock;

    private OutputFolder(string directory, string jobId, FileStream lockFile)
    {
        Directory = directory;
        JobId = jobId;
        _lock = lockFile;
    }

    /// <summary>The output folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The job that holds the claim.</summary>
    public string JobId { get; }

    /// <summary>Where outputs are written before <see cref="Publish"/> moves them into <see cref="Directory"/>.</summary>
    public string StagingDirectory => Path.Combine(Directory, ".adrn", "staging");

    /// <summary>
    /// Checks, without claiming anything, that <paramref name="jobId"/> may write into <paramref name="directory"/>
    /// (so a command can refuse bad usage before it starts any work).
    /// </summary>
    /// <param name="directory">The output folder (need not exist).</param>
    /// <param name="jobId">The job.</param>
    /// <param name="mode">How the job uses the folder.</param>
    /// <exception cref="OutputFolderException">The folder belongs to another job, is in use, or (resuming) is not the job's.</exception>
    public static void Check(string directory, string jobId, OutputFolderMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        // A folder that does not exist yet holds nothing to refuse (and a check creates nothing).
        if (!System.IO.Directory.Exists(full))
        {
            if (mode == OutputFolderMode.Resume)
                throw new OutputFolderException($"output folder '{full}' does not exist; give the --out folder job {jobId} was started with");
            return;
        }

        using var claim = Acquire(full, jobId, mode, probeOnly: true);
    }

    /// <summary>Claims <paramref name="directory"/> (created if missing) for <paramref name="jobId"/> until disposed.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="jobId">The job (an engine job id, or a run id for a job run in process).</param>
    /// <param name="mode">How the job uses the folder.</param>
    /// <returns>The claim; dispose it when the job has finished writing.</returns>
    /// <exception cref="OutputFolderException">The folder belongs to another job, is in use, or (resuming) is not the job's.</exception>
    public static OutputFolder Claim(string directory, string jobId, OutputFolderMode mode) => Acquire(directory, jobId, mode, probeOnly: false);

    private static OutputFolder Acquire(string directory, string jobId, OutputFolderMode mode, bool probeOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var full = Path.GetFullPath(directory);
        var state = Path.Combine(full, ".adrn");
        System.IO.Directory.CreateDirectory(state);
        FileStream lockFile;
        try
        {
            // NOTE: FileShare.None makes the open fail while another process (or claim) holds it; the operating system
            // closes it when a process dies, so a killed job never leaves the folder locked.
            lockFile = new FileStream(Path.Combine(state, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            var holder = ReadOwner(full)?.JobId ?? "another job";
            throw new OutputFolderException($"output folder '{full}' is in use by {holder} (a job is writing into it now); wait for it to finish or choose another --out folder");
        }

        try
        {
            var owner = ReadOwner(full);
            switch (mode)
            {
                case OutputFolderMode.Resume:
                    if (owner is null || !string.Equals(owner.JobId, jobId, StringComparison.Ordinal))
                        throw new OutputFolderException(owner is null
                            ? $"output folder '{full}' holds no outputs of job {jobId}: no job {jobId} was started there, so there is nothing to resume; give the --out folder the job was started with, or start the job again"
                            : $"output folder '{full}' belongs to job {owner.JobId}, not {jobId}; give the --out folder job {jobId} was started with");
                    break;
                case OutputFolderMode.New:
                    if (owner is not null && !string.Equals(owner.JobId, jobId, StringComparison.Ordinal))
                        throw new OutputFolderException($"output folder '{full}' holds the outputs of job {owner.JobId}; choose another --out folder, or replace them with --force");
                    if (owner is null && ExistingOutputs(full).FirstOrDefault() is { } found)
                        throw new OutputFolderException($"output folder '{full}' already holds outputs ({Path.GetFileName(found)}); choose another --out folder, or replace them with --force");
                    break;
                case OutputFolderMode.Replace:
                    break;
            }

            if (probeOnly) return new OutputFolder(full, jobId, lockFile);

            var claim = new OutputFolder(full, jobId, lockFile);
            claim.CompleteInterruptedPublish();
            if (mode == OutputFolderMode.Replace && (owner is null || !string.Equals(owner.JobId, jobId, StringComparison.Ordinal)))
            {
                // Another job's outputs and state go before any work, so the folder never holds a mix of two jobs.
                foreach (var path in ExistingOutputs(full)) Delete(path);
                // NOTE: a journal in .adrn stays (a running engine may hold it open); other jobs' events in it are keyed by
                // their own ids and are never resumed into this folder (a resume checks the owner).
                foreach (var name in new[] { "partitions", Path.Combine(".adrn", "prepared"), Path.Combine(".adrn", "staging") }) Delete(Path.Combine(full, name));
            }

            claim.RemoveLeftovers();
            AtomicFile.Write(Path.Combine(state, "owner.json"), temp => File.WriteAllText(temp, JsonSerializer.Serialize(new Owner { JobId = jobId, ClaimedUtc = DateTime.UtcNow }, Json)));
            return claim;
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves the staged outputs into the folder: first a list of them is written, then each file is moved into
    /// place (replacing the previous run's), <c>report.json</c> last, and earlier outputs of the job that this run
    /// did not write are removed. A publish cut short by a crash is completed by the next claim of the folder.
    /// </summary>
    /// <param name="stagedFiles">Full paths of files in <see cref="StagingDirectory"/>.</param>
    /// <param name="writtenInPlace">Outputs of this run already in the folder (a scorer's model files, which workers read there).</param>
    /// <returns>Each staged path's final path.</returns>
    public IReadOnlyDictionary<string, string> Publish(IReadOnlyCollection<string> stagedFiles, IReadOnlyCollection<string>? writtenInPlace = null)
    {
        ArgumentNullException.ThrowIfNull(stagedFiles);
        var kept = (writtenInPlace ?? []).Select(Path.GetFileName).OfType<string>().ToList();
        var names = stagedFiles.Select(f =>
        {
            if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(f)), StagingDirectory, StringComparison.Ordinal))
                throw new ArgumentException($"'{f}' is not in the staging folder {StagingDirectory}", nameof(stagedFiles));
            return Path.GetFileName(f);
        }).OrderBy(n => n == "report.json" ? 1 : 0).ThenBy(n => n, StringComparer.Ordinal).ToList();
        AtomicFile.Write(Path.Combine(StagingDirectory, "publish.json"), temp => File.WriteAllText(temp, JsonSerializer.Serialize(new PublishList { Staged = names, InPlace = kept }, Json)));
        CompleteInterruptedPublish();
        return stagedFiles.ToDictionary(f => f, f => Path.Combine(Directory, Path.GetFileName(f)), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private void CompleteInterruptedPublish()
    {
        var list = Path.Combine(StagingDirectory, "publish.json");
        if (!File.Exists(list)) return;
        var publish = JsonSerializer.Deserialize<PublishList>(File.ReadAllText(list), Json) ?? new PublishList();
        foreach (var name in publish.Staged)
        {
            var staged = Path.Combine(StagingDirectory, name);
            if (File.Exists(staged)) File.Move(staged, Path.Combine(Directory, name), overwrite: true);
        }

        // Outputs of an earlier run of the job that this run did not write (another format, pairs no longer asked for).
        var published = publish.Staged.Concat(publish.InPlace).ToHashSet(StringComparer.Ordinal);
        foreach (var path in ExistingOutputs(Directory))
            if (!published.Contains(Path.GetFileName(path))) Delete(path);
        File.Delete(list);
    }

    private void RemoveLeftovers()
    {
        // Half-written files of a killed run: temporary names in the folder, its partitions and its staging area.
        foreach (var dir in new[] { Directory, Path.Combine(Directory, "partitions"), StagingDirectory })
        {
            if (!System.IO.Directory.Exists(dir)) continue;
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(dir, "*.tmp")) Delete(entry);
        }

        if (System.IO.Directory.Exists(StagingDirectory))
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(StagingDirectory)) Delete(entry);
    }

    private static IEnumerable<string> ExistingOutputs(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) yield break;
        foreach (var file in System.IO.Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            var stem = name.Split('.')[0];
            if (OutputStems.Contains(stem, StringComparer.Ordinal) && !name.EndsWith(".tmp", StringComparison.Ordinal)) yield return file;
        }
    }

    private static void Delete(string path)
    {
        if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }

    private static Owner? ReadOwner(string directory)
    {
        var path = Path.Combine(directory, ".adrn", "owner.json");
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Owner>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record PublishList
    {
        public List<string> Staged { get; init; } = [];

        public List<string> InPlace { get; init; } = [];
    }

    private sealed record Owner
    {
        public string JobId { get; init; } = "";

        public DateTime ClaimedUtc { get; init; }
    }
}
