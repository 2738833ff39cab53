using Adrn.Cli;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Cli;

/// <summary>
/// Issue 15: a source whose header names a column twice is refused up front by <c>adrn link</c> — bad usage, exit
/// code 2, the file and the column named — before any journal entry is made.
/// </summary>
public sealed class SourceHeaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Job(string right)
    {
        File.WriteAllText(Path.Combine(_dir.Path, "l.csv"), "id,surname,town\n1,Smith,Leeds\n");
        File.WriteAllText(Path.Combine(_dir.Path, "r.csv"), right);
        var job = Path.Combine(_dir.Path, "job.json");
        File.WriteAllText(job, """
        {
          "name": "headers",
          "link_type": "link_only",
          "sources": [ { "name": "l", "path": "l.csv", "id_column": "id" }, { "name": "r", "path": "r.csv", "id_column": "id" } ],
          "columns": [ "surname", "town" ],
          "blocking_rules": [ { "parts": ["town"] } ],
          "comparisons": [ { "name": "surname", "column": "surname", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9], "u_probabilities": [0.9, 0.1] } ],
          "training": { "probability_two_random_records_match": 0.1 },
          "resolution": { "method": "one_to_one", "match_probability": 0.5 }
        }
        """);
        return job;
    }

    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            return (AdrnCommandLine.Run(args), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Fact]
    public void A_duplicate_header_name_exits_2_naming_file_and_column_before_any_journal_entry()
    {
        var job = Job("id,surname,town,surname\n9,Smith,Leeds,Smyth\n");
        var outDir = Path.Combine(_dir.Path, "out");
        var (code, error) = Run("link", "--config", job, "--out", outDir);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(Path.Combine(_dir.Path, "r.csv"), error, StringComparison.Ordinal);
        Assert.Contains("column 4 ('surname')", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(outDir, ".adrn")), "no journal may be made for a job refused at its inputs");
    }

    [Fact]
    public void A_missing_column_found_at_the_inputs_is_bad_usage_too()
    {
        var job = Job("id,family_name,town\n9,Smith,Leeds\n");
        var (code, error) = Run("link", "--config", job, "--out", Path.Combine(_dir.Path, "out"));
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("has no column 'surname'", error, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
