using Adrn.Engine.Jobs;
using Adrn.Engine.Security;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.Tests.Security;

/// <summary>Which paths a node's data roots admit: the checks behind <c>adrn node --data-root</c>.</summary>
public sealed class DataRootsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_dir.Path, name)).FullName;

    [Fact]
    public void A_path_is_inside_only_under_a_root_not_beside_it_or_above_it()
    {
        var data = Folder("data");
        Folder("data-other");
        var roots = DataRoots.Create([data]);

        Assert.True(roots.Contains(data));
        Assert.True(roots.Contains(Path.Combine(data, "employees.csv")));
        Assert.True(roots.Contains(Path.Combine(data, "not", "yet", "written")));
        // A sibling whose name starts with the root's name is not under it.
        Assert.False(roots.Contains(Path.Combine(_dir.Path, "data-other", "employees.csv")));
        Assert.False(roots.Contains(_dir.Path));
        // ".." is resolved before the comparison.
        Assert.False(roots.Contains(Path.Combine(data, "..", "data-other", "x.csv")));
        Assert.False(roots.Contains(Path.Combine(data, "..", "..", "etc", "passwd")));
    }

    [Fact]
    public void A_symbolic_link_under_a_root_that_points_outside_it_is_outside()
    {
        var data = Folder("data");
        var secret = Folder("secret");
        File.WriteAllText(Path.Combine(secret, "keys.csv"), "x");
        Directory.CreateSymbolicLink(Path.Combine(data, "escape"), secret);
        File.CreateSymbolicLink(Path.Combine(data, "keys-link.csv"), Path.Combine(secret, "keys.csv"));
        var roots = DataRoots.Create([data]);

        Assert.False(roots.Contains(Path.Combine(data, "escape", "keys.csv")));
        Assert.False(roots.Contains(Path.Combine(data, "keys-link.csv")));
        Assert.False(roots.Contains(Path.Combine(data, "escape", "new-output")));
    }

    [Fact]
    public void A_root_reached_through_a_symbolic_link_admits_the_real_paths_below_it()
    {
        var real = Folder("real");
        var link = Path.Combine(_dir.Path, "link");
        Directory.CreateSymbolicLink(link, real);
        var roots = DataRoots.Create([link]);

        Assert.True(roots.Contains(Path.Combine(real, "a.csv")));
        Assert.True(roots.Contains(Path.Combine(link, "a.csv")));
    }

    [Fact]
    public void A_missing_root_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DataRoots.Create([Path.Combine(_dir.Path, "no-such-folder")]));
        Assert.Contains("no-such-folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_check_names_every_path_outside_and_reads_no_inputs_when_the_job_file_is_outside()
    {
        var data = Folder("data");
        var outside = Folder("outside");
        var roots = DataRoots.Create([data]);
        var inputsRead = 0;
        IEnumerable<JobInput> Inputs(JobDescriptor _)
        {
            inputsRead++;
            return [new JobInput("source 'a'", Path.Combine(outside, "a.csv")), new JobInput("source 'b'", Path.Combine(data, "b.csv"))];
        }

        var jobOutside = new JobDescriptor("j1", Path.Combine(outside, "job.json"), Path.Combine(outside, "out"), new Dictionary<string, string>(), Path.Combine(data, "truth.csv"));
        var refused = Assert.Throws<PathOutsideDataRootsException>(() => roots.Check(jobOutside, Inputs));
        Assert.Equal(["job file", "output folder"], refused.Outside.Select(p => p.Description));
        Assert.Equal(0, inputsRead); // the job file outside the roots was not read to find its inputs
        Assert.Contains(Path.Combine(outside, "job.json"), refused.Message, StringComparison.Ordinal);
        Assert.Contains("--data-root", refused.Message, StringComparison.Ordinal);

        var jobInside = jobOutside with { ConfigPath = Path.Combine(data, "job.json"), OutputDirectory = Path.Combine(data, "out") };
        var sourceOutside = Assert.Throws<PathOutsideDataRootsException>(() => roots.Check(jobInside, Inputs));
        Assert.Equal(["source 'a'"], sourceOutside.Outside.Select(p => p.Description));

        roots.Check(jobInside with { }, _ => [new JobInput("source 'b'", Path.Combine(data, "b.csv"))]);
    }

    public void Dispose() => _dir.Dispose();
}
