using Adrn.Bench;
using Adrn.Bench.Peer;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;

namespace Adrn.Benchmarks.Tests;

/// <summary>The SQL peer on level kinds the employer benchmark does not use (swapped names, date levels, dedupe).</summary>
public sealed class PeerAgreementTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "adrn-peer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Peer_matches_the_engine_on_fake1000_dedupe_with_swapped_names_and_date_levels()
    {
        // examples/fake1000-dedupe.json reads shared/data/fake_1000 (Splink's fake_1000 data set).
        var config = LinkageJobConfig.Load(RepositoryPaths.Example("fake1000-dedupe.json"));
        Assert.Contains(config.Comparisons.SelectMany(c => c.Levels), l => l.Kind == ComparisonLevelKind.Swapped);
        Assert.Contains(config.Comparisons.SelectMany(c => c.Levels), l => l.Kind == ComparisonLevelKind.DateOneCharacter);
        var run = LinkageJob.Run(config, _dir, new LinkageRunOptions { MaxDegreeOfParallelism = 2 });

        AssertAgrees(run, PeerVerifier.Verify(config, run.Model, threads: 2), minimumGammaVectors: 10);
    }

    /// <summary>Same pairs on both sides, the same gammas, weights equal to 1e-9, and enough distinct gamma vectors to mean it.</summary>
    private static void AssertAgrees(LinkageRunResult run, PeerVerification v, int minimumGammaVectors)
    {
        Assert.Equal(run.PairsCompared, v.EnginePairs);
        Assert.Equal(v.EnginePairs, v.PeerPairs);
        Assert.Equal(0, v.PairsInOneOnly);
        Assert.Equal(0, v.GammaMismatches);
        Assert.InRange(v.MaxWeightDifference, 0, 1e-9);
        Assert.True(v.DistinctGammaVectors >= minimumGammaVectors, $"only {v.DistinctGammaVectors} distinct gamma vectors");
    }

    [Fact]
    public void Sql_builder_refuses_weighted_token_set_levels_instead_of_approximating_them()
    {
        // examples/employee-employer.json compares employer names with the engine's weighted token_set; its
        // sources must exist to load, so a tiny synthetic population is generated for it.
        Adrn.Synthetic.SyntheticPopulation.Generate(new Adrn.Synthetic.SyntheticPopulationOptions
        {
            Employees = 300, Employers = 20, Cohort = 10, Formats = Adrn.Synthetic.OutputFormats.Csv,
        }, _dir);
        var config = LinkageJobConfig.Load(RepositoryPaths.Example("employee-employer.json"),
            new Dictionary<string, string> { ["data"] = _dir });
        var model = new MatchModel { LinkType = "link_only", ProbabilityTwoRandomRecordsMatch = 0.001, Comparisons = [] };

        var error = Assert.Throws<NotSupportedException>(() => PeerSqlBuilder.Build(config, model, 10, double.NegativeInfinity));

        Assert.Contains("employer_name", error.Message, StringComparison.Ordinal);
        Assert.Contains("TokenSet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Peer_matches_the_engine_on_the_typo_tolerant_keys_and_the_paye_reference_level()
    {
        // bench/configs/employee-employer-hand-keyed-sql.json: multi-key rules (MinHash bands, one-edit PAYE keys, token
        // codes) as unnested keys with the smallest-shared-key rule, the sorted neighbourhood as a range join on ranks,
        // the PAYE reference part with string functions; on a small hand-keyed population.
        Adrn.Synthetic.SyntheticPopulation.Generate(Adrn.Synthetic.NoiseProfiles.HandKeyed(new Adrn.Synthetic.SyntheticPopulationOptions
        {
            Employees = 6_000, Employers = 600, Cohort = 10, Years = 2, Seed = 4, Formats = Adrn.Synthetic.OutputFormats.Csv,
        }), _dir);
        var config = LinkageJobConfig.Load(Path.Combine(RepositoryPaths.Root, "bench", "configs", "employee-employer-hand-keyed-sql.json"),
            new Dictionary<string, string> { ["data"] = _dir });
        Assert.Contains(config.BlockingRules, r => r.Kind == BlockingRuleKind.SortedNeighbourhood);
        Assert.Contains(config.BlockingRules, r => r.IsMultiKey);
        var run = LinkageJob.Run(config, Path.Combine(_dir, "out"), new LinkageRunOptions { MaxDegreeOfParallelism = 2 });

        AssertAgrees(run, PeerVerifier.Verify(config, run.Model, threads: 2), minimumGammaVectors: 20);
    }

    [Fact]
    public void Sql_builder_refuses_soft_tfidf_and_monge_elkan_levels()
    {
        Adrn.Synthetic.SyntheticPopulation.Generate(new Adrn.Synthetic.SyntheticPopulationOptions
        {
            Employees = 300, Employers = 20, Cohort = 10, Formats = Adrn.Synthetic.OutputFormats.Csv,
        }, _dir);
        var config = LinkageJobConfig.Load(RepositoryPaths.Example("employee-employer-hand-keyed.json"), new Dictionary<string, string> { ["data"] = _dir });
        var model = new MatchModel { LinkType = "link_only", ProbabilityTwoRandomRecordsMatch = 0.001, Comparisons = [] };

        var error = Assert.Throws<NotSupportedException>(() => PeerSqlBuilder.Build(config, model, 10, double.NegativeInfinity));

        Assert.Contains("SoftTfidf", error.Message, StringComparison.Ordinal);
        Assert.False(PeerSqlBuilder.IsExpressible(ComparisonLevelKind.MongeElkan));
        Assert.True(PeerSqlBuilder.IsExpressible(ComparisonLevelKind.PayeReference));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
