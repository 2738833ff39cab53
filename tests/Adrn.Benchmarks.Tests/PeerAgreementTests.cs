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

        var v = PeerVerifier.Verify(config, run.Model, threads: 2);

        Assert.Equal(run.PairsCompared, v.EnginePairs);
        Assert.Equal(v.EnginePairs, v.PeerPairs);
        Assert.Equal(0, v.PairsInOneOnly);
        Assert.Equal(0, v.GammaMismatches);
        Assert.InRange(v.MaxWeightDifference, 0, 1e-9);
        Assert.True(v.DistinctGammaVectors >= 10, $"only {v.DistinctGammaVectors} distinct gamma vectors");
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

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
