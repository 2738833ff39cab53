using System.Diagnostics;
using System.Globalization;
using Adrn.Dataset.Spec;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;

namespace Adrn.Bench.Dataset;

/// <summary>
/// The baseline of the add-wave benchmark: the same link jobs a wave goes through in the store (the spec's jobs of its
/// source, and the within-wave job where the spec asks for one, as docs/dataset.md defines it), run by the pipeline
/// (<see cref="LinkageJob.Run"/>) on the wave on its own (the within-wave job as the store makes it, <see cref="SourceLinkSpec.WithinWaveJob"/>), each against one raw file standing for the spine (last year's
/// payroll for persons, this year's register for employers) read through the representative columns the spec maps.
/// Models are read from <c>--models</c> when present, else trained and saved there (the harness's warm-up run).
/// </summary>
/// <remarks>
/// Usage (a fresh process per measured run, as <c>adrn dataset add-wave</c> is):
/// <c>Adrn.Bench dataset-baseline --spec SPEC --source payroll --wave FILE --spine person=FILE@payroll --spine employer=FILE@register --models DIR --out DIR [--only SPINE]</c>.
/// </remarks>
public static class WaveLinkBaseline
{
    /// <summary>Runs the baseline from command-line arguments; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string? specPath = null, source = null, wave = null, models = null, output = null, only = null;
        var spines = new Dictionary<string, (string Path, string Source)>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--spec": specPath = Next(); break;
                case "--source": source = Next(); break;
                case "--wave": wave = Path.GetFullPath(Next()); break;
                case "--models": models = Path.GetFullPath(Next()); break;
                case "--out": output = Path.GetFullPath(Next()); break;
                case "--only": only = Next(); break;
                case "--spine":
                    var value = Next();
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    var at = value.LastIndexOf('@');
                    if (eq <= 0 || at < eq) throw new ArgumentException($"--spine takes SPINE=FILE@SOURCE (got '{value}')");
                    spines[value[..eq]] = (Path.GetFullPath(value[(eq + 1)..at]), value[(at + 1)..]);
                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        if (specPath is null || source is null || wave is null || models is null || output is null)
            throw new ArgumentException("dataset-baseline needs --spec, --source, --wave, --models and --out");
        var spec = DatasetSpec.Load(specPath);
        Directory.CreateDirectory(models);
        var clock = Stopwatch.StartNew();
        foreach (var link in spec.Source(source).Links.Where(l => only is null || l.Spine == only))
        {
            if (!spines.TryGetValue(link.Spine, out var spineFile)) throw new ArgumentException($"no --spine {link.Spine}=FILE@SOURCE given");
            var job = LinkageJobConfig.Parse(link.JobJson, Path.GetDirectoryName(Path.GetFullPath(specPath))!,
                new Dictionary<string, string> { ["wave"] = wave, ["spine"] = spineFile.Path });
            job = Quiet(PointSpineAt(job, spec, link.Spine, spineFile.Path, spineFile.Source));
            RunOne(job, Path.Combine(output, link.Spine, "link"), Path.Combine(models, $"{link.Spine}-link.json"));
            if (!link.DedupeWithinWave) continue;
            RunOne(SourceLinkSpec.WithinWaveJob(job), Path.Combine(output, link.Spine, "within-wave"), Path.Combine(models, $"{link.Spine}-dedupe.json"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline done in {clock.Elapsed.TotalSeconds:F2} s (garbage collector: {GC.GetTotalPauseDuration().TotalSeconds:F2} s paused, {GC.CollectionCount(2)} gen2 collections, {GC.GetTotalAllocatedBytes() / 1e9:F2} GB allocated)"));
        return 0;
    }

    private static void RunOne(LinkageJobConfig job, string output, string model)
    {
        var stored = File.Exists(model);
        var result = LinkageJob.Run(job, output, new LinkageRunOptions { ModelPath = stored ? model : null, ReplaceOutputs = true, Formats = [SourceFormat.Arrow] });
        if (!stored) File.Copy(result.Files["model"][0], model);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{job.Name}: {result.RowsUsed:N0} records, {result.PairsCompared:N0} candidate pairs, {result.Links:N0} links, {result.Timings["total"]:F2} s{(stored ? string.Empty : " (model trained)")}"));
    }

    /// <summary>The job with its spine side reading a source file directly, through the columns the spec maps for that source's representatives.</summary>
    private static LinkageJobConfig PointSpineAt(LinkageJobConfig job, DatasetSpec spec, string spine, string path, string sourceName)
    {
        var representative = spec.Spine(spine).Representatives.FirstOrDefault(r => r.Source == sourceName)
            ?? throw new ArgumentException($"source '{sourceName}' does not represent spine '{spine}' in the spec");
        var side = job.Sources[1];
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in job.Columns)
        {
            var spineColumn = side.FileColumn(column.Name);
            map[column.Name] = representative.Columns.TryGetValue(spineColumn, out var file)
                ? file
                : throw new ArgumentException($"spine column '{spineColumn}' has no column of source '{sourceName}'");
        }

        return job with
        {
            Sources = [job.Sources[0], side with { Path = path, Format = SourceReaderFormat(path), IdColumn = spec.Source(sourceName).IdColumn, ColumnMap = map }],
        };
    }

    private static SourceFormat SourceReaderFormat(string path) => Adrn.Linkage.Input.SourceReader.FormatOf(path);

    private static LinkageJobConfig Quiet(LinkageJobConfig config) => config with
    {
        Truth = null,
        Outputs = new OutputConfig { Formats = [SourceFormat.Arrow], WritePairs = false },
    };
}
