using System.Text.RegularExpressions;
using Adrn.Learning.Evaluation;
using Adrn.Learning.Labels;
using Adrn.Learning.Review;

namespace Adrn.Learning.Tests;

[Collection(SyntheticJobsCollection.Name)]
public sealed partial class ClericalReviewSpec(SyntheticJobs jobs)
{
    [Fact]
    public void Review_pack_holds_a_sheet_row_and_a_self_contained_waterfall_per_pair()
    {
        var ws = jobs.EmployeeEmployer;
        var pairs = ws.ScoreFellegiSunter(0.01);
        var sample = ClericalSampler.Stratified(ws.Resolve(pairs), ws.Prepared.Records, 30, 0.5, 7, "fellegi-sunter");
        var dir = Path.Combine(Path.GetTempPath(), "adrn-review-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = ClericalReviewWriter.Write(ws, sample, dir);

            var sheet = File.ReadAllLines(files[0]);
            Assert.Equal(31, sheet.Length);
            Assert.StartsWith("pair,stratum,id_l,id_r,source_l,source_r,match_probability", sheet[0], StringComparison.Ordinal);
            Assert.EndsWith(",label", sheet[0], StringComparison.Ordinal);
            Assert.Contains("employer_name_l,employer_name_r", sheet[0], StringComparison.Ordinal);
            var html = File.ReadAllText(files[1]);
            Assert.Equal(30, SvgTag().Matches(html).Count);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            // The only URL is the SVG namespace, which browsers never fetch.
            Assert.All(UrlPattern().Matches(html), m => Assert.Equal("http://www.w3.org/2000/svg", m.Value));
            Assert.Equal(sample.Pairs, ClericalSample.Load(files[2]).Pairs);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Imported_decisions_accumulate_and_a_contradiction_with_stored_ones_is_refused()
    {
        var ws = jobs.EmployeeEmployer;
        var truth = TruthPairs.Load(jobs.EmployeeEmployerTruth);
        var pairs = ws.ScoreFellegiSunter(0.01);
        var sample = ClericalSampler.Uncertain(pairs, ws.Prepared.Records, 10, 0.5, "fellegi-sunter");
        var dir = Path.Combine(Path.GetTempPath(), "adrn-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var reviewed = Path.Combine(dir, "reviewed.csv");
            File.WriteAllLines(reviewed, ["id_l,id_r,label", .. sample.Pairs.Select(p => $"{p.IdLeft},{p.IdRight},{(truth.Contains(p.IdLeft, p.IdRight) ? 1 : 0)}")]);

            var (imported, added) = ClericalLabelStore.Import(dir, reviewed, ws.Lookup);
            var again = ClericalLabelStore.Import(dir, reviewed, ws.Lookup);

            Assert.Equal(10, imported.Count);
            Assert.Equal(10, added);
            Assert.Equal(0, again.Added);
            Assert.Equal(10, ClericalLabelStore.Read(dir, ws.Lookup).Count);

            var first = sample.Pairs[0];
            var flipped = Path.Combine(dir, "flipped.csv");
            File.WriteAllLines(flipped, ["id_l,id_r,label", $"{first.IdLeft},{first.IdRight},{(truth.Contains(first.IdLeft, first.IdRight) ? 0 : 1)}"]);
            var ex = Assert.Throws<PairLabelFileException>(() => ClericalLabelStore.Import(dir, flipped, ws.Lookup));
            Assert.Contains(first.IdLeft, ex.Message, StringComparison.Ordinal);
            Assert.Contains("contradicts the decision already stored", ex.Message, StringComparison.Ordinal);
            Assert.Equal(10, ClericalLabelStore.Read(dir, ws.Lookup).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Uncertain_sample_takes_the_pairs_nearest_the_threshold()
    {
        var ws = jobs.EmployeeEmployer;
        var pairs = ws.ScoreFellegiSunter(0);
        var sample = ClericalSampler.Uncertain(pairs, ws.Prepared.Records, 50, 0.5, "fellegi-sunter");

        var worstChosen = sample.Pairs.Max(p => Math.Abs(p.Probability - 0.5));
        var chosen = sample.Pairs.Select(p => (p.IdLeft, p.IdRight)).ToHashSet();
        var ids = ws.Prepared.Records.Ids;
        var closerLeftOut = Enumerable.Range(0, pairs.Count)
            .Count(i => Math.Abs(pairs.Probability[i] - 0.5) < worstChosen && !chosen.Contains((ids[pairs.Left[i]], ids[pairs.Right[i]])));

        Assert.Equal(50, sample.Pairs.Count);
        Assert.Equal(0, closerLeftOut);
    }

    [GeneratedRegex("<svg ")]
    private static partial Regex SvgTag();

    [GeneratedRegex("https?://[^\"' )]+")]
    private static partial Regex UrlPattern();
}
