using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Cli;

/// <summary>
/// The job-file arguments shared by the commands that read a linkage job: <c>--config FILE</c> and
/// repeatable <c>--var name=value</c> (fills <c>${name}</c> in the job file).
/// </summary>
public static class JobFileArguments
{
    /// <summary>Parses <c>--var</c> values.</summary>
    /// <param name="variables">Each as <c>name=value</c>.</param>
    /// <returns>The variables by name (a later value for the same name wins).</returns>
    /// <exception cref="UsageException">A value is not <c>name=value</c>.</exception>
    public static Dictionary<string, string> ParseVariables(IEnumerable<string>? variables)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables ?? [])
        {
            var eq = variable.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--var '{variable}' is not name=value.");
            }

            result[variable[..eq]] = variable[(eq + 1)..];
        }

        return result;
    }

    /// <summary>Loads and validates a job file, turning every problem into one usage error.</summary>
    /// <param name="path">The job file.</param>
    /// <param name="variables">Variables for <c>${name}</c>.</param>
    /// <returns>The validated job.</returns>
    /// <exception cref="UsageException">The file is missing or invalid; the message lists every problem.</exception>
    public static LinkageJobConfig Load(string? path, IReadOnlyDictionary<string, string> variables)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("--config FILE is required (a JSON job file; see docs/config.md).");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--config '{path}' does not exist.");
        }

        try
        {
            return LinkageJobConfig.Load(path, variables);
        }
        catch (ConfigValidationException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Checks every source's header before a job starts: a missing configured column, or a header that names a column
    /// twice, is bad usage (exit 2) found before any work or journal entry, with file and column named.
    /// </summary>
    /// <param name="config">The validated job.</param>
    /// <exception cref="UsageException">Listing every problem.</exception>
    public static void CheckSourceHeaders(LinkageJobConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            LinkagePreparation.CheckHeaders(config);
        }
        catch (ConfigValidationException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}
