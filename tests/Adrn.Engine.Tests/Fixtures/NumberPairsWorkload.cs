using System.Globalization;
using System.Text;
using System.Text.Json;
using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>
/// A small, fully deterministic partitioned job for the actor protocol specs: the job file lists
/// integers; partition p holds the numbers n with n mod P = p; a partition's candidate pairs are
/// all pairs (a, b), a &lt; b, within it. Counting writes how many pairs have an even sum; the
/// "model" is the even share over all partitions; scoring writes every pair with a weight; the
/// outputs are the scored pairs merged in (a, b) order. Independent of the linkage library so the
/// protocol can be tested while that library changes.
/// </summary>
internal sealed class NumberPairsWorkload : IJobWorkload
{
    private readonly int[] _numbers;
    private readonly JobDescriptor _job;
    private readonly Spec _spec;

    public NumberPairsWorkload(JobDescriptor job)
    {
        _job = job;
        var text = File.ReadAllText(job.ConfigPath);
        _spec = JsonSerializer.Deserialize<Spec>(text) ?? throw new InvalidDataException(job.ConfigPath);
        _numbers = [.. _spec.Numbers.Order()];
        ConfigHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string ConfigHash { get; }

    public int PartitionCount => _spec.Partitions;

    public int CountingUnitCount => _spec.Partitions;

    public PartitionWork CountPatterns(int partition, string outputPath, CancellationToken cancellationToken)
    {
        MaybeFailOrWait(partition, cancellationToken);
        long pairs = 0, even = 0;
        var members = Members(partition);
        for (var i = 0; i < members.Length; i++)
        {
            for (var j = i + 1; j < members.Length; j++)
            {
                pairs++;
                if ((members[i] + members[j]) % 2 == 0)
                {
                    even++;
                }
            }
        }

        File.WriteAllText(outputPath, string.Create(CultureInfo.InvariantCulture, $"{pairs} {even}"));
        return new PartitionWork(1, pairs);
    }

    public string TrainModel(IReadOnlyList<string> countFiles, CancellationToken cancellationToken)
    {
        long pairs = 0, even = 0;
        foreach (var file in countFiles)
        {
            var parts = File.ReadAllText(file).Split(' ');
            pairs += long.Parse(parts[0], CultureInfo.InvariantCulture);
            even += long.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        return JsonSerializer.Serialize(new Model(pairs, even));
    }

    public PartitionWork ScorePartition(int partition, string modelJson, string outputPath, CancellationToken cancellationToken)
    {
        MaybeFailOrWait(partition, cancellationToken);
        var model = JsonSerializer.Deserialize<Model>(modelJson)!;
        var members = Members(partition);
        long rows = 0;
        using var writer = new StreamWriter(outputPath);
        for (var i = 0; i < members.Length; i++)
        {
            for (var j = i + 1; j < members.Length; j++)
            {
                var weight = (members[i] + members[j]) % 2 == 0 ? model.Even : model.Pairs - model.Even;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{members[i]},{members[j]},{weight}"));
                rows++;
            }
        }

        return new PartitionWork(rows, rows);
    }

    public JobSummary WriteOutputs(IReadOnlyList<string> scoreFiles, string modelJson, CancellationToken cancellationToken)
    {
        var lines = scoreFiles.SelectMany(File.ReadAllLines)
            .Select(l => l.Split(','))
            .OrderBy(p => int.Parse(p[0], CultureInfo.InvariantCulture))
            .ThenBy(p => int.Parse(p[1], CultureInfo.InvariantCulture))
            .Select(p => string.Join(',', p))
            .ToList();
        File.WriteAllLines(Path.Combine(_job.OutputDirectory, "pairs.csv"), lines);
        File.WriteAllText(Path.Combine(_job.OutputDirectory, "model.json"), modelJson);
        return new JobSummary(_job.JobId, ["pairs.csv", "model.json"], lines.Count, []);
    }

    public void Dispose()
    {
    }

    private int[] Members(int partition) => [.. _numbers.Where(n => n % _spec.Partitions == partition)];

    private void MaybeFailOrWait(int partition, CancellationToken cancellationToken)
    {
        if (_spec.FailingPartition == partition)
        {
            throw new InvalidDataException($"partition {partition} is configured to fail");
        }

        if (_spec.MillisecondsPerPartition > 0)
        {
            Task.Delay(_spec.MillisecondsPerPartition, cancellationToken).Wait(cancellationToken);
        }
    }

    public sealed record Spec(int[] Numbers, int Partitions, int? FailingPartition = null, int MillisecondsPerPartition = 0);

    private sealed record Model(long Pairs, long Even);

    public static JobDescriptor WriteJob(string directory, Spec spec, string jobId = "job-1")
    {
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "numbers.json");
        File.WriteAllText(config, JsonSerializer.Serialize(spec));
        return new JobDescriptor(jobId, config, Path.Combine(directory, "out"), new Dictionary<string, string>());
    }
}
