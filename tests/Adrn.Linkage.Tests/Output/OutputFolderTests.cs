using Adrn.Linkage.Output;

namespace Adrn.Linkage.Tests.Output;

/// <summary>The output folder claim: ownership, the lock, staging and a publish completed after a crash.</summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void A_publish_cut_short_is_completed_by_the_next_claim_and_earlier_outputs_not_rewritten_go()
    {
        var dir = SharedData.TempDir();
        using (var claim = OutputFolder.Claim(dir, "job-a", OutputFolderMode.New))
        {
            Directory.CreateDirectory(claim.StagingDirectory);
            foreach (var name in new[] { "links.arrow", "pairs.arrow", "report.json" }) File.WriteAllText(Path.Combine(claim.StagingDirectory, name), "a");
            claim.Publish(Directory.GetFiles(claim.StagingDirectory));
        }

        Assert.True(File.Exists(Path.Combine(dir, "pairs.arrow")));
        using (var claim = OutputFolder.Claim(dir, "job-a", OutputFolderMode.Resume))
        {
            // A second run of the job writes links and a report but no pairs; the crash happens after the list of files
            // to publish was written and one file was moved (simulated by writing the list and moving one file).
            Directory.CreateDirectory(claim.StagingDirectory);
            File.WriteAllText(Path.Combine(claim.StagingDirectory, "links.arrow"), "b");
            File.WriteAllText(Path.Combine(claim.StagingDirectory, "report.json"), "b");
            File.WriteAllText(Path.Combine(claim.StagingDirectory, "publish.json"), """{ "staged": ["links.arrow", "report.json"], "in_place": [] }""");
            File.Move(Path.Combine(claim.StagingDirectory, "links.arrow"), Path.Combine(dir, "links.arrow"), overwrite: true);
        }

        using (OutputFolder.Claim(dir, "job-a", OutputFolderMode.Resume))
        {
            Assert.Equal("b", File.ReadAllText(Path.Combine(dir, "links.arrow")));
            Assert.Equal("b", File.ReadAllText(Path.Combine(dir, "report.json")));
            Assert.False(File.Exists(Path.Combine(dir, "pairs.arrow")), "an output the last run did not write stayed");
        }
    }

    [Fact]
    public void A_folder_is_claimed_by_one_job_at_a_time_and_belongs_to_its_owner()
    {
        var dir = SharedData.TempDir();
        using (var first = OutputFolder.Claim(dir, "job-a", OutputFolderMode.New))
        {
            var busy = Assert.Throws<OutputFolderException>(() => OutputFolder.Claim(dir, "job-b", OutputFolderMode.Replace));
            Assert.Contains("in use by job-a", busy.Message, StringComparison.Ordinal);
        }

        Assert.Contains("belongs to job job-a", Assert.Throws<OutputFolderException>(() => OutputFolder.Check(dir, "job-b", OutputFolderMode.Resume)).Message, StringComparison.Ordinal);
        Assert.Contains("holds the outputs of job job-a", Assert.Throws<OutputFolderException>(() => OutputFolder.Check(dir, "job-b", OutputFolderMode.New)).Message, StringComparison.Ordinal);
        OutputFolder.Check(dir, "job-a", OutputFolderMode.New);
        OutputFolder.Check(dir, "job-a", OutputFolderMode.Resume);

        // Outputs of an unknown job (no owner file) are refused too.
        var old = SharedData.TempDir();
        File.WriteAllText(Path.Combine(old, "links.csv"), "id_l,id_r\n");
        Assert.Contains("already holds outputs (links.csv)", Assert.Throws<OutputFolderException>(() => OutputFolder.Check(old, "job-c", OutputFolderMode.New)).Message, StringComparison.Ordinal);
        using (OutputFolder.Claim(old, "job-c", OutputFolderMode.Replace))
            Assert.False(File.Exists(Path.Combine(old, "links.csv")));
    }
}
