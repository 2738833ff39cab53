using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;
using Adrn.Linkage.Tests.Examples;
using Xunit.Abstractions;

namespace Adrn.Linkage.Tests.Privacy;

/// <summary>
/// Issue acceptance: linking the synthetic cohort to payroll on keyed Bloom-filter encodings loses at most
/// one point of F1 against the same task on plain text (truth: the generator's truth/cohort_employee.csv).
/// </summary>
public sealed class EncodedLinkageTests(SyntheticPopulationFixture population, ITestOutputHelper output) : IClassFixture<SyntheticPopulationFixture>
{
    private static readonly BloomFilterSettings Settings = new();

    [Fact]
    public void Cohort_to_payroll_on_bloom_filter_encodings_loses_at_most_one_point_of_f1()
    {
        var data = population.Directory;
        var encoded = SharedData.TempDir();
        var key = PseudonymKey.FromSecret("shared by the cohort study and the payroll provider");
        SourceEncoder.Encode(Path.Combine(data, "cohort.csv"), Path.Combine(encoded, "cohort.encoded.csv"), EncodingSpec.Parse(
            "cohort_id", "sex", "first_name:name,surname:name,date_of_birth:date,postcode:postcode,employer_name:company",
            "first_name:exact,first_name:initial,surname:exact,surname:metaphone,date_of_birth:exact,date_of_birth:year,postcode:district,postcode:exact", Settings), key);
        SourceEncoder.Encode(Path.Combine(data, "employees.csv"), Path.Combine(encoded, "employees.encoded.csv"), EncodingSpec.Parse(
            "person_id", "sex,year", "first_name:name,surname:name,date_of_birth:date,home_postcode:postcode,employer_name:company",
            "first_name:exact,first_name:initial,surname:exact,surname:metaphone,date_of_birth:exact,date_of_birth:year,home_postcode:district,home_postcode:exact", Settings), key);
        Directory.CreateDirectory(Path.Combine(encoded, "truth"));
        File.Copy(Path.Combine(data, "truth", "cohort_employee.csv"), Path.Combine(encoded, "truth", "cohort_employee.csv"));

        var plain = LinkageJob.Run(LinkageJobConfig.Load(SharedData.Example("cohort-employee.json"), new Dictionary<string, string> { ["data"] = data }), SharedData.TempDir()).Evaluation;
        var onEncodings = LinkageJob.Run(LinkageJobConfig.Load(SharedData.Example("cohort-employee-encoded.json"), new Dictionary<string, string> { ["data"] = encoded }), SharedData.TempDir()).Evaluation;
        output.WriteLine($"plain:   P {plain.Precision:F4} R {plain.Recall:F4} F1 {plain.F1:F4}");
        output.WriteLine($"encoded: P {onEncodings.Precision:F4} R {onEncodings.Recall:F4} F1 {onEncodings.F1:F4}");
        Assert.True(plain.F1 - onEncodings.F1 <= 0.01, $"F1 plain {plain.F1:F4}, on encodings {onEncodings.F1:F4}");
    }

    [Fact]
    public void Encoded_sources_carry_no_name_date_of_birth_or_postcode_from_the_inputs()
    {
        var data = population.Directory;
        var encoded = Path.Combine(SharedData.TempDir(), "cohort.encoded.csv");
        SourceEncoder.Encode(Path.Combine(data, "cohort.csv"), encoded, EncodingSpec.Parse(
            "cohort_id", "sex", "first_name:name,surname:name,date_of_birth:date,postcode:postcode", "surname:exact,postcode:district", Settings),
            PseudonymKey.FromSecret("shared by the cohort study and the payroll provider"));
        var text = File.ReadAllText(encoded);
        foreach (var row in File.ReadLines(Path.Combine(data, "cohort.csv")).Skip(1).Take(300).Select(l => l.Split(',')))
        {
            // cohort.csv: cohort_id,first_name,surname,date_of_birth,sex,postcode,...; names are checked as
            // ",name," so a name that happens to be a substring of base64 text does not count.
            Assert.DoesNotContain("," + row[1] + ",", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("," + row[2] + ",", text, StringComparison.OrdinalIgnoreCase);
            if (row[3].Length > 0) Assert.DoesNotContain(row[3], text, StringComparison.Ordinal);
            if (row[5].Length > 0) Assert.DoesNotContain(row[5], text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
