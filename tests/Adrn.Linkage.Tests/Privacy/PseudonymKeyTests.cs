using Adrn.Linkage.Privacy;

namespace Adrn.Linkage.Tests.Privacy;

public sealed class PseudonymKeyTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 2000).Select(i => $"P{i:000000}").ToArray();

    [Fact]
    public void Same_key_gives_the_same_pseudonyms_across_instances()
    {
        var a = PseudonymKey.FromSecret("correct horse battery staple");
        var b = PseudonymKey.FromSecret("correct horse battery staple");
        Assert.All(Ids, id => Assert.Equal(a.Pseudonymise("person", id), b.Pseudonymise("person", id)));
    }

    [Fact]
    public void Different_keys_give_no_equal_pseudonym()
    {
        var a = PseudonymKey.FromSecret("correct horse battery staple");
        var b = PseudonymKey.FromSecret("correct horse battery stapler");
        var fromA = Ids.Select(id => a.Pseudonymise("person", id)).ToHashSet();
        Assert.DoesNotContain(Ids.Select(id => b.Pseudonymise("person", id)), fromA.Contains);
    }

    [Fact]
    public void Pseudonym_is_the_truncated_hmac_sha256_of_domain_and_identifier()
    {
        // Reference: RFC 4231 test case 2 uses key "Jefe" (too short for us), so compute the expected
        // value with the platform's HMAC over the documented message layout instead.
        var secret = "0123456789abcdef-secret";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes("employer:1000012345")))[..24];
        Assert.Equal(expected, PseudonymKey.FromSecret(secret).Pseudonymise("employer", "1000012345"));
    }

    [Fact]
    public void Domains_separate_equal_identifiers()
    {
        var key = PseudonymKey.FromSecret("correct horse battery staple");
        Assert.NotEqual(key.Pseudonymise("person", "42"), key.Pseudonymise("employer", "42"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("short")]
    public void Empty_or_short_key_is_refused_with_a_clear_message(string secret)
    {
        var ex = Assert.Throws<ArgumentException>(() => PseudonymKey.FromSecret(secret));
        Assert.Contains("at least 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_without_file_or_environment_variable_names_both_ways_to_give_a_key()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => PseudonymKey.Load(null, "ADRN_TEST_KEY_THAT_IS_NOT_SET"));
        Assert.Contains("--key-file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ADRN_TEST_KEY_THAT_IS_NOT_SET", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_text_never_appears_in_its_string_form()
    {
        var key = PseudonymKey.FromSecret("correct horse battery staple");
        Assert.DoesNotContain("horse", key.ToString(), StringComparison.Ordinal);
    }
}
