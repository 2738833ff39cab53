using Adrn.Engine.Workloads;

namespace Adrn.Engine.Security;

/// <summary>A job names a file or folder outside the data roots of the node that would read or write it.</summary>
public sealed class PathOutsideDataRootsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The refused job.</param>
    /// <param name="outside">Every path of the job outside the roots.</param>
    /// <param name="roots">The node's roots.</param>
    public PathOutsideDataRootsException(string jobId, IReadOnlyList<JobInput> outside, IReadOnlyList<string> roots)
        : base(Describe(jobId, outside, roots))
    {
        Outside = outside;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PathOutsideDataRootsException(string message)
        : base(message)
    {
        Outside = [];
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PathOutsideDataRootsException()
        : this("A job names a path outside the node's data roots.")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PathOutsideDataRootsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Outside = [];
    }

    /// <summary>The paths outside the roots, each with what the job uses it for.</summary>
    public IReadOnlyList<JobInput> Outside { get; }

    private static string Describe(string jobId, IReadOnlyList<JobInput> outside, IReadOnlyList<string> roots) =>
        $"job {jobId} names paths outside this node's data roots ({string.Join(", ", roots)}), and a node reads and writes only under them: " +
        string.Join("; ", outside.Select(p => $"{p.Description} {p.Path}")) +
        ". Use paths under the roots, or start the node with --data-root for the folders the job needs (docs/engine.md).";
}
