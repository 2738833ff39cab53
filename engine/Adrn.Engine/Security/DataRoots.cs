using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.Security;

/// <summary>
/// The folders a cluster node may read inputs from and write outputs to (<c>adrn node --data-root DIR</c>). A node
/// runs jobs that name files by path, so without roots anyone who can submit a job could make it read or overwrite
/// any file the node's account can reach. Paths are compared after resolving <c>..</c> and symbolic links, so a
/// link under a root that points outside it is outside.
/// </summary>
public sealed class DataRoots
{
    private const int MaxLinkDepth = 40;
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private DataRoots(IReadOnlyList<string> roots) => Roots = roots;

    /// <summary>The roots, as absolute paths with symbolic links resolved.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Creates the roots from folders that must exist.</summary>
    /// <param name="folders">The folders (relative ones resolve against the working directory).</param>
    /// <returns>The roots.</returns>
    /// <exception cref="ArgumentException">No folder was given, or one does not exist.</exception>
    public static DataRoots Create(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var roots = new List<string>();
        foreach (var folder in folders)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(folder, nameof(folders));
            var full = Path.GetFullPath(folder);
            if (!Directory.Exists(full))
            {
                throw new ArgumentException($"data root '{folder}' is not an existing folder.", nameof(folders));
            }

            var real = RealPath(full);
            if (!roots.Contains(real, StringComparer.FromComparison(PathComparison)))
            {
                roots.Add(real);
            }
        }

        if (roots.Count == 0)
        {
            throw new ArgumentException("at least one data root is needed.", nameof(folders));
        }

        return new DataRoots(roots);
    }

    /// <summary>Whether <paramref name="path"/> (a file or folder, existing or not) lies under one of the roots.</summary>
    /// <param name="path">An absolute path, or one relative to the working directory.</param>
    /// <returns>True when the path is a root or lies below one.</returns>
    public bool Contains(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var real = RealPath(Path.GetFullPath(path));
        return Roots.Any(root => IsUnder(real, root));
    }

    /// <summary>
    /// Checks every path a job makes this node read or write: the job file, truth file and output folder of
    /// <paramref name="job"/>, and, when <paramref name="inputsOf"/> is given, the inputs named inside the job file
    /// (read only once the job file itself is known to be under the roots).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="inputsOf">Lists the inputs the job file names (after variable substitution), or null to check only the descriptor's paths.</param>
    /// <exception cref="PathOutsideDataRootsException">A path is outside the roots; the message names every one.</exception>
    public void Check(JobDescriptor job, Func<JobDescriptor, IEnumerable<JobInput>>? inputsOf)
    {
        ArgumentNullException.ThrowIfNull(job);
        var outside = Outside([new JobInput("job file", job.ConfigPath), new JobInput("output folder", job.OutputDirectory),
            .. job.TruthPath is null ? Array.Empty<JobInput>() : [new JobInput("truth file", job.TruthPath)]]);
        // NOTE: the job file is read (to find the inputs it names) only once it is known to be under the roots, so
        // a refused job reveals nothing of a file outside them, not even whether it exists.
        if (outside.Count == 0 && inputsOf is not null)
        {
            outside = Outside(inputsOf(job));
        }

        if (outside.Count > 0)
        {
            throw new PathOutsideDataRootsException(job.JobId, outside, Roots);
        }
    }

    private List<JobInput> Outside(IEnumerable<JobInput> paths) => [.. paths.Where(p => !Contains(p.Path))];

    private static bool IsUnder(string path, string root) =>
        path.Equals(root, PathComparison) ||
        (path.StartsWith(root, PathComparison) && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar));

    /// <summary>The absolute path with every symbolic link among its existing parts resolved.</summary>
    private static string RealPath(string fullPath, int depth = 0)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"too many levels of symbolic links in '{fullPath}'.");
        }

        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                next = RealPath(Path.GetFullPath(target.FullName), depth + 1);
            }

            current = next;
        }

        return current;
    }
}
