using Adrn.Linkage.Blocking.Phonetics;
using Adrn.Linkage.Tests.Metrics;

namespace Adrn.Linkage.Tests.Phonetics;

public sealed class SoundexTests
{
    [Fact]
    public void Soundex_matches_jellyfish_on_FEBRL_names_and_classic_examples()
    {
        // reference/string-metrics/soundex_expected.csv: Python jellyfish 0.8.9 soundex() of 400
        // FEBRL dataset-4 names plus the National Archives examples (Robert, Ashcraft, Tymczak, Pfister...).
        var rows = ReferenceCsv.Read("soundex_expected.csv");
        Assert.True(rows.Count >= 420);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            string actual = Soundex.Encode(row["name"]);
            if (actual != row["jf_soundex"])
            {
                failures.Add($"\"{row["name"]}\": expected {row["jf_soundex"]}, got {actual}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    // Examples from the U.S. National Archives' description of the coding rules.
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Honeyman", "H555")]
    public void Soundex_follows_the_National_Archives_examples(string name, string expected)
    {
        Assert.Equal(expected, Soundex.Encode(name));
    }

    [Fact]
    public void Soundex_ignores_case_and_accents_and_returns_empty_for_empty_input()
    {
        Assert.Equal(Soundex.Encode("MULLER"), Soundex.Encode("müller"));
        Assert.Equal(string.Empty, Soundex.Encode(string.Empty));
    }
}
