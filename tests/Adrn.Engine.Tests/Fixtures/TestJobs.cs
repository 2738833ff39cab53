using System.Text.Json.Nodes;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>How much scoring work a derived FEBRL4 job carries.</summary>
internal enum ScoringLoad
{
    /// <summary>The example's blocking rules: about 1 s of scoring on one core.</summary>
    Light,

    /// <summary>Plus a rule on year of birth: about 5 s of scoring on one core, 32 partitions.</summary>
    Medium,

    /// <summary>Plus rules on year of birth and surname initial, in 6 partitions of several seconds each.</summary>
    Heavy,
}

/// <summary>
/// Writes test jobs derived from the repository's <c>examples/febrl4.json</c> (FEBRL dataset 4,
/// 5,000 + 5,000 records): absolute source paths, a smaller u-sampling budget (training in a few
/// seconds), 32 partitions, and optional extra blocking rules so scoring lasts long enough to kill
/// a process in the middle of it.
/// </summary>
internal static class TestJobs
{
    public static string WriteFebrl4(string directory, ScoringLoad load)
    {
        var examples = Path.GetDirectoryName(RepositoryPaths.Example("febrl4.json"))!;
        var job = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Example("febrl4.json")))!.AsObject();
        foreach (var source in job["sources"]!.AsArray())
        {
            source!["path"] = Path.GetFullPath(Path.Combine(examples, (string)source["path"]!));
        }

        if (job["truth"]?["pairs"] is { } truth)
        {
            job["truth"]!["pairs"] = Path.GetFullPath(Path.Combine(examples, (string)truth!));
        }

        job["training"]!["u_max_pairs"] = 100_000;
        // The tests compare every scored pair across runs, not only the links.
        job["outputs"] = JsonNode.Parse("""{ "formats": ["arrow"], "write_pairs": true }""");
        job["partitions"] = 32;
        var rules = job["blocking_rules"]!.AsArray();
        if (load >= ScoringLoad.Medium)
        {
            rules.Add(JsonNode.Parse("""{ "parts": [ { "column": "dob", "method": "year" } ] }"""));
        }

        if (load >= ScoringLoad.Heavy)
        {
            job["partitions"] = 6;
            rules.Add(JsonNode.Parse("""{ "parts": [ { "column": "surname", "method": "prefix", "length": 1 } ] }"""));
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"febrl4-{load.ToString().ToLowerInvariant()}.json");
        File.WriteAllText(path, job.ToJsonString());
        return path;
    }

    /// <summary>FEBRL's own list of true pairs for dataset 4 (shipped with the data, independent of our code).</summary>
    public static string Febrl4TruthPairs
    {
        get
        {
            var examples = Path.GetDirectoryName(RepositoryPaths.Example("febrl4.json"))!;
            var job = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Example("febrl4.json")))!;
            return Path.GetFullPath(Path.Combine(examples, (string)job["truth"]!["pairs"]!));
        }
    }
}
