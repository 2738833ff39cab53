namespace Adrn.Cli.Tests;

/// <summary>
/// <c>adrn encode --keep</c> and privacy by default (issue 15, row "adrn encode --keep surname,date_of_birth":
/// identifiers were written in clear, with no warning). Classes come from docs/privacy.md's well-known names.
/// </summary>
public sealed class EncodeCommandSpec
{
    private static (string Input, string Key, string Dir) Inputs()
    {
        var dir = AdrnProcess.NewWorkDirectory("encode");
        var input = Path.Combine(dir, "cohort.csv");
        File.WriteAllText(input, """
            cohort_id,first_name,surname,date_of_birth,postcode,sex
            c1,Teresa,Müller,1980-02-29,SW1A 1AA,F
            c2,John,Smith,1975-11-03,M1 1AE,M

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var key = Path.Combine(dir, "secret.key");
        File.WriteAllText(key, "a test key of more than sixteen characters");
        return (input, key, dir);
    }

    private static string[] Encode(string input, string key, string output, string keep, params string[] extra) =>
        ["encode", "--input", input, "--out", output, "--id", "cohort_id", "--encode", "first_name:name", "--key-file", key, "--keep", keep, .. extra];

    [Fact]
    public void Keep_refuses_direct_and_quasi_identifiers_naming_each_with_its_class_and_writes_nothing()
    {
        var (input, key, dir) = Inputs();
        var output = Path.Combine(dir, "cohort.encoded.csv");

        var outcome = AdrnProcess.Run(Encode(input, key, output, "surname,date_of_birth,sex"));

        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("'surname' is a direct_identifier", outcome.StdErr, StringComparison.Ordinal);
        Assert.Contains("'date_of_birth' is a quasi_identifier", outcome.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("'sex'", outcome.StdErr, StringComparison.Ordinal); // an attribute may be kept
        Assert.Contains("--allow-identifiers", outcome.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Keep_passes_identifiers_in_clear_only_with_allow_identifiers_and_says_so()
    {
        var (input, key, dir) = Inputs();
        var output = Path.Combine(dir, "cohort.encoded.csv");

        var outcome = AdrnProcess.Run(Encode(input, key, output, "surname,sex", "--allow-identifiers"));

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Contains("surname", outcome.StdOut, StringComparison.Ordinal);
        Assert.Contains("kept in clear although it is a direct_identifier", outcome.StdOut, StringComparison.Ordinal);
        Assert.Contains("Müller", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_of_attributes_only_needs_no_permission()
    {
        var (input, key, dir) = Inputs();
        var output = Path.Combine(dir, "cohort.encoded.csv");

        var outcome = AdrnProcess.Run(Encode(input, key, output, "sex"));

        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.DoesNotContain("kept in clear", outcome.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Müller", File.ReadAllText(output), StringComparison.Ordinal);
    }
}
