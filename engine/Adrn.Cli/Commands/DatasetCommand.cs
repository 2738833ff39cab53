using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Adrn.Dataset;
using Adrn.Dataset.Spec;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Privacy;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn dataset init|add-wave|relink|entities|release|add-source|status</c>: the persistent linked dataset
/// (docs/dataset.md). Each sub-command parses its options, calls one method of <see cref="DatasetStore"/> and prints what
/// it did. Exit codes: 0 done (also when a wave is re-added with the same bytes), 1 the work failed, 2 bad usage — an
/// invalid spec or job, a wave re-added with different bytes, an unknown source.
/// </summary>
public static class DatasetCommand
{
    /// <summary>Builds the <c>dataset</c> command group.</summary>
    public static Command Create()
    {
        var command = new Command("dataset", "The persistent linked dataset: waves, stable pseudonymous ids, versioned releases with a codebook.");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(AddWave());
        command.Subcommands.Add(Relink());
        command.Subcommands.Add(Entities());
        command.Subcommands.Add(Release());
        command.Subcommands.Add(AddSource());
        command.Subcommands.Add(Status());
        return command;
    }

    private static Option<string> StoreOption() => new("--store") { Description = "The store's folder.", Required = true };

    private static Option<string?> CatalogOption() => new("--catalog-connection")
    {
        Description = $"PostgreSQL connection string of the catalog (init: put the catalog there; later: when the store's catalog is there; else ${DatasetStore.CatalogConnectionVariable}).",
    };

    private static Command Init()
    {
        var spec = new Option<string>("--spec") { Description = "The dataset spec (JSON; see examples/dataset/productive-society.json).", Required = true };
        var store = StoreOption();
        var catalog = CatalogOption();
        var command = new Command("init", "Create a store from a spec: spines, sources, their linkage jobs and the release variables.") { spec, store, catalog };
        command.SetAction(p => Guarded(p, () =>
        {
            using var created = DatasetStore.Init(p.GetValue(spec)!, p.GetValue(store)!, p.GetValue(catalog));
            var s = created.Spec;
            p.InvocationConfiguration.Output.WriteLine($"Created store '{created.Name}' at {created.Directory} (catalog {created.CatalogDescription}), version {created.HeadVersion}.");
            p.InvocationConfiguration.Output.WriteLine($"  spines: {string.Join(", ", s.Spines.Select(x => x.Name))}; sources: {string.Join(", ", s.Sources.Select(x => $"{x.Name} -> {string.Join("+", x.Links.Select(l => l.Spine))}"))}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command AddWave()
    {
        var store = StoreOption();
        var source = new Option<string>("--source") { Description = "The source the wave belongs to (a source of the spec).", Required = true };
        var wave = new Option<string>("--wave") { Description = "The wave's label, e.g. 2021.", Required = true };
        var input = new Option<string>("--input") { Description = "The wave's file (CSV, Arrow or Parquet).", Required = true };
        var retrain = new Option<bool>("--retrain") { Description = "Train the source's link models again on this wave instead of using the stored ones." };
        var catalog = CatalogOption();
        var command = new Command("add-wave", "Link a wave into the store and commit it as a new version (atomic; re-adding the same bytes is a no-op).")
        {
            store, source, wave, input, retrain, catalog,
        };
        command.SetAction((p, ct) => Task.FromResult(Guarded(p, () =>
        {
            var stdout = p.InvocationConfiguration.Output;
            using var opened = DatasetStore.Open(p.GetValue(store)!, p.GetValue(catalog));
            var result = opened.AddWave(new AddWaveRequest(p.GetValue(source)!, p.GetValue(wave)!, p.GetValue(input)!, p.GetValue(retrain)), Lines(stdout), ct);
            stdout.WriteLine(result.Added
                ? string.Create(CultureInfo.InvariantCulture, $"Added {p.GetValue(source)} wave {p.GetValue(wave)} as version {result.Version} in {result.Seconds:F1} s: {result.Records:N0} records ({result.Quarantined:N0} quarantined of {result.RowsIn:N0} rows)")
                : $"Already in the store with the same bytes: nothing to do (version {result.Version}).");
            foreach (var l in result.Links)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {l.Spine,-10} linked {l.Linked,9:N0}  within wave {l.LinkedWithinWave,7:N0}  minted {l.Minted,9:N0}  unlinked {l.Unlinked,8:N0}  link rate {l.LinkRate:P1}  mean p {(l.MeanProbability is { } m ? m.ToString("F4", CultureInfo.InvariantCulture) : "-")}"));
            }

            if (result.Timings.Count > 1)
            {
                stdout.WriteLine("  seconds: " + string.Join(", ", result.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:F2}"))));
                // The same figures the add-wave benchmark's baseline prints, so the two can be compared.
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  garbage collector: {GC.GetTotalPauseDuration().TotalSeconds:F2} s paused, {GC.CollectionCount(2)} gen2 collections, {GC.GetTotalAllocatedBytes() / 1e9:F2} GB allocated"));
            }

            return ExitCodes.Ok;
        })));
        return command;
    }

    private static Command Relink()
    {
        var store = StoreOption();
        var job = new Option<string?>("--job") { Description = "A new job for one link (needs --source and --spine); without it the stored jobs are used." };
        var source = new Option<string?>("--source") { Description = "The source of the link whose job --job replaces." };
        var spine = new Option<string?>("--spine") { Description = "The spine of the link whose job --job replaces." };
        var retrain = new Option<bool>("--retrain") { Description = "Train every model again (needed when a job's comparisons change)." };
        var report = new Option<string?>("--report") { Description = "Also write the change report as JSON to this file." };
        var catalog = CatalogOption();
        var command = new Command("relink", "Re-resolve every wave with changed rules or models; ids survive where entities are essentially unchanged; prints a change report.")
        {
            store, job, source, spine, retrain, report, catalog,
        };
        command.SetAction((p, ct) => Task.FromResult(Guarded(p, () =>
        {
            var stdout = p.InvocationConfiguration.Output;
            using var opened = DatasetStore.Open(p.GetValue(store)!, p.GetValue(catalog));
            var result = opened.Relink(new RelinkRequest(p.GetValue(job), p.GetValue(source), p.GetValue(spine), p.GetValue(retrain)), Lines(stdout), ct);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Relinked as version {result.Version} in {result.Seconds:F1} s."));
            stdout.Write(result.Changes.ToText());
            if (p.GetValue(report) is { } path)
                File.WriteAllText(path, JsonSerializer.Serialize(result.Changes, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return ExitCodes.Ok;
        })));
        return command;
    }

    private static Command Entities()
    {
        var store = StoreOption();
        var output = new Option<string>("--out") { Description = "The file to write (CSV; .arrow or .parquet by extension).", Required = true };
        var catalog = CatalogOption();
        var command = new Command("entities", "Export source,record_id,wave,entity_type,entity_id,match_probability for every record (the trusted linker's side; never a release).")
        {
            store, output, catalog,
        };
        command.SetAction(p => Guarded(p, () =>
        {
            using var opened = DatasetStore.Open(p.GetValue(store)!, p.GetValue(catalog));
            var rows = opened.ExportEntities(p.GetValue(output)!);
            p.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows:N0} rows to {Path.GetFullPath(p.GetValue(output)!)} (version {opened.HeadVersion})."));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Release()
    {
        var store = StoreOption();
        var output = new Option<string>("--out") { Description = "The release folder (new or empty).", Required = true };
        var keyFile = new Option<string?>("--key-file") { Description = "File holding the release's secret key (else ADRN_PSEUDONYM_KEY); a new key gives unlinkable pseudonyms." };
        var formats = new Option<string>("--formats") { Description = "Panel formats, comma-separated: parquet, csv, arrow.", DefaultValueFactory = _ => "parquet" };
        var cohort = new Option<bool>("--cohort") { Description = "The cohort study's release: members keyed by the cohort's own ids with their employment histories, no spine ids." };
        var catalog = CatalogOption();
        var command = new Command("release", "Write a functionally anonymised research release: panel, codebook, checked summary tables, manifest.")
        {
            store, output, keyFile, formats, cohort, catalog,
        };
        command.SetAction((p, ct) => Task.FromResult(Guarded(p, () =>
        {
            var stdout = p.InvocationConfiguration.Output;
            PseudonymKey key;
            try
            {
                key = PseudonymKey.Load(p.GetValue(keyFile));
            }
            catch (InvalidOperationException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            var parsed = ParseFormats(p.GetValue(formats)!);
            using var opened = DatasetStore.Open(p.GetValue(store)!, p.GetValue(catalog));
            var result = opened.Release(new ReleaseRequest(p.GetValue(output)!, key, parsed, p.GetValue(cohort)), Lines(stdout), ct);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {(p.GetValue(cohort) ? "a cohort" : "a research")} release of version {result.StoreVersion} to {result.Directory}: {result.Rows:N0} rows, {result.Files.Count} files, {result.FilesScanned} scanned for identifiers (none found)."));
            foreach (var check in result.Checks) stdout.WriteLine("  output check " + check);
            return ExitCodes.Ok;
        })));
        return command;
    }

    private static Command AddSource()
    {
        var store = StoreOption();
        var definition = new Option<string>("--definition") { Description = "The source definition (JSON: source, representatives, release_variables).", Required = true };
        var catalog = CatalogOption();
        var command = new Command("add-source", "Add a source the spec did not have; its waves can then be added and its variables appear in the next release.")
        {
            store, definition, catalog,
        };
        command.SetAction(p => Guarded(p, () =>
        {
            using var opened = DatasetStore.Open(p.GetValue(store)!, p.GetValue(catalog));
            var spec = opened.AddSource(p.GetValue(definition)!);
            var added = spec.Sources[^1];
            p.InvocationConfiguration.Output.WriteLine($"Added source '{added.Name}' (links: {string.Join(", ", added.Links.Select(l => l.Spine))}) as version {opened.HeadVersion}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status()
    {
        var store = StoreOption();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var catalog = CatalogOption();
        var command = new Command("status", "Versions, waves, records, entities, link rates and estimated precision per wave, and quality-drift warnings.")
        {
            store, json, catalog,
        };
        command.SetAction(p => Guarded(p, () =>
        {
            using var opened = DatasetStore.Open(p.GetValue(store)!, p.GetValue(catalog));
            var status = opened.Status();
            p.InvocationConfiguration.Output.Write(p.GetValue(json)
                ? JsonSerializer.Serialize(status, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) + Environment.NewLine
                : status.ToText());
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static IReadOnlyList<SourceFormat> ParseFormats(string text)
    {
        var formats = new List<SourceFormat>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            formats.Add(part.ToUpperInvariant() switch
            {
                "PARQUET" => SourceFormat.Parquet,
                "CSV" => SourceFormat.Csv,
                "ARROW" => SourceFormat.Arrow,
                _ => throw new UsageException($"unknown format '{part}' in --formats; use parquet, csv and/or arrow separated by commas."),
            });
        }

        return formats.Count > 0 ? formats : throw new UsageException("--formats must name at least one of parquet, csv, arrow.");
    }

    /// <summary>Runs a sub-command, turning the store's usage errors into exit code 2 with their message.</summary>
    private static int Guarded(ParseResult p, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is DatasetSpecException or WaveConflictException or ArgumentException)
        {
            p.InvocationConfiguration.Error.WriteLine("adrn dataset: " + ex.Message);
            return ExitCodes.BadUsage;
        }
        catch (DisclosureRiskException ex)
        {
            p.InvocationConfiguration.Error.WriteLine("adrn dataset: " + ex.Message);
            return ExitCodes.Failed;
        }
    }

    private static IProgress<string> Lines(TextWriter stdout) => new LineProgress(stdout);

    /// <summary>Writes each progress line on the reporting thread.</summary>
    private sealed class LineProgress(TextWriter stdout) : IProgress<string>
    {
        public void Report(string value) => stdout.WriteLine(value);
    }
}
