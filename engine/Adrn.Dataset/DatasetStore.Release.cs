using Adrn.Dataset.Catalog;
using Adrn.Dataset.Release;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Panel;
using Adrn.Stats.Disclosure;

namespace Adrn.Dataset;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Writes a research release of the head version (docs/dataset.md): the panel over all waves in the requested formats,
    /// keyed by pseudonyms under the request's key; <c>codebook.json</c> and <c>codebook.md</c> documenting every column;
    /// summary tables with their output checks (<c>tables/</c>, <c>output_checks.jsonl</c>); <c>manifest.json</c> with
    /// the SHA-256 of every file. The spec's variables are checked to be attributes before anything is read, and every
    /// file is scanned for identifiers before the release is moved into place; a finding deletes it and throws.
    /// </summary>
    /// <exception cref="DisclosureRiskException">A variable is not an attribute, or the scan found an identifier.</exception>
    /// <exception cref="ArgumentException">The output folder is not empty, or no format was asked for.</exception>
    public ReleaseResult Release(ReleaseRequest request, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Formats.Count == 0) throw new ArgumentException("a release needs at least one format (parquet, csv, arrow).");
        var output = Path.GetFullPath(request.OutputDirectory);
        if (System.IO.Directory.Exists(output) && System.IO.Directory.EnumerateFileSystemEntries(output).Any())
            throw new ArgumentException($"release folder '{output}' is not empty; releases are never overwritten.");
        var head = ReadHead();
        var spec = SpecOf(head);
        var problems = ReleasePolicy.Problems(spec);
        if (problems.Count > 0) throw new DisclosureRiskException(ReleasePolicy.OutputName, problems);
        var cohort = request.Cohort ? spec.Release.Cohort ?? throw new ArgumentException("the spec has no cohort release (release.cohort).") : null;
        if (cohort is not null && !head.Waves.Any(w => w.Source == cohort.Source))
            throw new ArgumentException($"the store has no wave of the cohort source '{cohort.Source}' yet.");

        var staging = Path.Combine(Path.GetDirectoryName(output)!, "." + Path.GetFileName(output) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            progress?.Report("building the panel");
            var panel = ResearchPanel.Build(spec, head, _objects, cohort is null ? request.Key : null, ct);
            var log = new OutputLog(Path.Combine(staging, "output_checks.jsonl"));
            var tables = new CheckedTables(staging, log);
            var numeric = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
            var (columns, waves, unit, description) = cohort is null
                ? (panel.Columns, panel.Waves, $"one row per {spec.Release.PanelSource} record and wave", spec.Description)
                : CohortHistories(spec, head, cohort, panel);
            var name = cohort is null ? "panel" : "cohort_histories";
            var dataFiles = new List<string>();
            foreach (var format in request.Formats.Distinct())
            {
                var file = name + (format switch { SourceFormat.Arrow => ".arrow", SourceFormat.Parquet => ".parquet", _ => ".csv" });
                ArrowTableFile.Write(Path.Combine(staging, file), format, columns);
                dataFiles.Add(file);
                numeric[file] = columns.Where(c => c.Type != VariableType.Text).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            }

            progress?.Report("checking the summary tables");
            var waveLabels = waves.Distinct().OrderBy(w => head.Waves.Where(x => x.Wave == w).Min(x => x.Seq)).ToList();
            RowsByWave(tables, spec, cohort, panel, waves, waveLabels);
            var linkage = LinkageQuality(tables, spec, head, cohort);
            if (cohort is null) SpecTables(tables, spec, panel);
            var (countCheck, published) = Codebook.CheckCounts(columns, waves, waveLabels);
            log.Record(countCheck, string.Join("\n", columns.Select((c, i) => c.Name + ":" + string.Join(",", published[i].Select(p => p?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")))));
            tables.Record("codebook", "codebook.json", "Codebook: non-missing values per column and wave", countCheck);
            foreach (var (table, file, _, _) in tables.Written.Where(t => t.File.StartsWith("tables/", StringComparison.Ordinal)))
                numeric[file] = new HashSet<string>(["count", "total", "contributors", "rows", "records", "linked", "link_rate", "mean_match_probability", .. spec.Spines.Select(s => s.Name + "_entities")], StringComparer.Ordinal);

            var rowsPerWave = waveLabels.Select(w => waves.LongCount(x => x == w)).ToList();
            new Codebook
            {
                Dataset = spec.Name,
                Kind = cohort is null ? "research" : "cohort",
                Description = description,
                StoreVersion = head.Version,
                Unit = unit,
                Waves = waveLabels,
                Rows = waves.Count,
                Linkage = linkage,
                Variables = columns.Select((c, i) => Describe(spec, c, published[i], waveLabels, rowsPerWave, cohort)).ToList(),
            }.Write(staging, tables.Written, dataFiles);

            var files = ReleaseManifest.Write(staging, spec.Name, cohort is null ? "research" : "cohort", head.Version);
            progress?.Report("scanning every file for identifiers");
            var forbidden = ForbiddenValues.Of(spec, head, _objects, cohort?.Source, ct);
            var (findings, scanned) = ReleaseScanner.Scan(staging, forbidden, numeric);
            if (findings.Count > 0)
                throw new DisclosureRiskException(ReleasePolicy.OutputName, [.. findings.Take(20), $"{findings.Count} finding(s); the release was not written"]);
            if (System.IO.Directory.Exists(output)) System.IO.Directory.Delete(output);
            System.IO.Directory.Move(staging, output);
            return new ReleaseResult(output, head.Version, waves.Count, files,
                tables.Written.Select(t => $"{t.Name}: {t.Check.Status.ToString().ToLowerInvariant()}").ToList(), scanned);
        }
        finally
        {
            if (System.IO.Directory.Exists(staging)) System.IO.Directory.Delete(staging, recursive: true);
        }
    }

    private (List<ColumnBuffer> Columns, List<string> Waves, string Unit, string Description) CohortHistories(DatasetSpec spec, StoreState head,
        CohortReleaseSpec cohort, ResearchPanel panel)
    {
        var source = spec.Source(cohort.Source);
        var rowsOfEntity = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var entities = panel.Entities[cohort.Spine];
        for (var r = 0; r < panel.Rows; r++)
        {
            if (entities[r] is not { } e) continue;
            if (!rowsOfEntity.TryGetValue(e, out var list)) rowsOfEntity[e] = list = [];
            list.Add(r);
        }

        var id = new ColumnBuffer(source.IdColumn, VariableType.Text, nullable: false);
        var probability = new ColumnBuffer(cohort.Probability, VariableType.Double);
        var copied = panel.Columns.Select(c => new ColumnBuffer(c.Name, c.Type, c.Nullable || c.Name == "wave")).ToList();
        var waves = new List<string>();
        foreach (var wave in head.Waves.Where(w => w.Source == cohort.Source).OrderBy(w => w.Seq))
        {
            var ledger = head.Ledgers.First(l => l.Source == cohort.Source && l.Wave == wave.Wave && l.Spine == cohort.Spine);
            foreach (var member in Linking.LedgerTable.Read(_objects.PathOf(ledger.LedgerObject)))
            {
                var history = member.EntityId is { } e && rowsOfEntity.TryGetValue(e, out var rows) ? rows : [];
                if (history.Count == 0)
                {
                    id.Add(member.RecordId);
                    probability.Add(member.EntityId is null ? null : member.Probability);
                    foreach (var c in copied) c.AddParsed(null);
                    waves.Add(wave.Wave);
                    continue;
                }

                foreach (var r in history)
                {
                    id.Add(member.RecordId);
                    probability.Add(member.Probability);
                    for (var c = 0; c < copied.Count; c++) Copy(panel.Columns[c], r, copied[c]);
                    waves.Add(panel.Waves[r]);
                }
            }
        }

        var columns = new List<ColumnBuffer> { id, probability };
        columns.AddRange(copied);
        return (columns, waves, $"one row per cohort member and {spec.Release.PanelSource} record of the person linked to them (one row with empty job fields when none)",
            $"Employment histories of the members of '{cohort.Source}', keyed by the cohort's own ids. No spine ids or pseudonyms.");
    }

    private static void Copy(ColumnBuffer from, int row, ColumnBuffer to)
    {
        switch (from.Type)
        {
            case VariableType.Int32: to.Add(from.Ints[row]); break;
            case VariableType.Double: to.Add(from.Doubles[row]); break;
            default: to.Add(from.Text[row]); break;
        }
    }

    private static CodebookVariable Describe(DatasetSpec spec, ColumnBuffer column, long?[] nonMissing, IReadOnlyList<string> waves, IReadOnlyList<long> rowsPerWave, CohortReleaseSpec? cohort)
    {
        var release = spec.Release;
        var byWave = waves.Select((w, i) => (w, nonMissing[i], nonMissing[i] is { } n && rowsPerWave[i] > 0 ? (double?)CheckedTables.Round(1 - (double)n / rowsPerWave[i]) : null)).ToList();
        var covered = byWave.Where(b => b.Item2 is > 0).Select(b => b.w).ToList();
        double? missing = nonMissing.All(n => n is not null) && rowsPerWave.Sum() > 0 ? CheckedTables.Round(1 - (double)nonMissing.Sum(n => n!.Value) / rowsPerWave.Sum()) : null;
        var type = column.Type switch { VariableType.Int32 => "int32", VariableType.Double => "double", _ => "text" };
        if (release.Keys.FirstOrDefault(k => k.Value == column.Name) is { Key: { } keySpine })
            return new CodebookVariable(column.Name, $"Pseudonymous key of the {keySpine} ({spec.Spine(keySpine).Label}); stable across waves within this release only", type, "", "pseudonymous key",
                release.PanelSource, $"HMAC-SHA256 of the {keySpine} entity id under the release key (first 96 bits, hex)", $"{release.PanelSource}->{keySpine}", covered, missing, byWave);
        if (release.Probabilities.FirstOrDefault(p => p.Value == column.Name) is { Key: { } probabilitySpine })
            return new CodebookVariable(column.Name, $"Match probability of the record's link to its {probabilitySpine}", type, "probability", "attribute",
                release.PanelSource, "from the store's ledger (empty when the record founded the entity or is unlinked)", $"{release.PanelSource}->{probabilitySpine}", covered, missing, byWave);
        if (column.Name == "wave")
            return new CodebookVariable("wave", "The wave (the label the store gave it, e.g. the year)", type, "", "attribute", release.PanelSource, "wave label", "", covered, missing, byWave);
        if (cohort is not null && column.Name == cohort.Probability)
            return new CodebookVariable(column.Name, $"Match probability of the member's link to the {cohort.Spine} spine", type, "probability", "attribute", cohort.Source,
                "from the store's ledger", $"{cohort.Source}->{cohort.Spine}", covered, missing, byWave);
        if (cohort is not null && column.Name == spec.Source(cohort.Source).IdColumn)
            return new CodebookVariable(column.Name, "The cohort's own member id (the cohort study's key)", type, "", "cohort's own identifier", cohort.Source, "as in the cohort's file", "", covered, missing, byWave);
        var v = release.Variables.First(x => x.Name == column.Name);
        var linkage = v.Source == release.PanelSource
            ? ""
            : $"{release.PanelSource}->{spec.Source(v.Source).Links.First(l => spec.Source(release.PanelSource).LinkTo(l.Spine) is not null).Spine}";
        return new CodebookVariable(v.Name, v.Label, type, v.Unit, "attribute", v.Source, v.DerivationText, linkage, covered, missing, byWave);
    }

    private static void RowsByWave(CheckedTables tables, DatasetSpec spec, CohortReleaseSpec? cohort, ResearchPanel panel, List<string> waves, List<string> labels)
    {
        var spines = cohort is null ? spec.Release.Keys.Keys.ToList() : [];
        var counts = labels.Select(w =>
        {
            var rows = Enumerable.Range(0, waves.Count).Where(r => waves[r] == w).ToList();
            var line = new long[1 + spines.Count];
            line[0] = rows.Count;
            for (var s = 0; s < spines.Count; s++)
                line[s + 1] = rows.Select(r => panel.Entities[spines[s]][r]).OfType<string>().Distinct().LongCount();
            return line;
        }).ToList();
        tables.Frequency("records_by_wave", "Rows and distinct entities per wave", ["wave"], labels.Select(l => new[] { l }).ToList(),
            ["rows", .. spines.Select(s => s + "_entities")], counts);
    }

    private List<LinkQuality> LinkageQuality(CheckedTables tables, DatasetSpec spec, StoreState head, CohortReleaseSpec? cohort)
    {
        var sources = cohort is null
            ? spec.Release.Variables.Select(v => v.Source).Prepend(spec.Release.PanelSource).Distinct().ToList()
            : [cohort.Source, spec.Release.PanelSource];
        var entries = LedgersInOrder(head, spec).Where(x => sources.Contains(x.Wave.Source)).Select(x => x.Ledger).ToList();
        var published = tables.Frequency("linkage_quality_by_wave", "Records and linked records per source, wave and spine", ["source", "wave", "spine"],
            entries.Select(e => new[] { e.Source, e.Wave, e.Spine }).ToList(), ["records", "linked"], entries.Select(e => new[] { e.Records, e.Linked }).ToList());
        return entries.Select((e, i) =>
        {
            var ok = published[i][0] is not null && published[i][1] is not null;
            return new LinkQuality(e.Source, e.Wave, e.Spine, published[i][0], published[i][1],
                ok && e.Records > 0 ? CheckedTables.Round((double)e.Linked / e.Records) : null, ok ? e.MeanProbability is { } p ? Math.Round(p, 6) : null : null);
        }).ToList();
    }

    private static void SpecTables(CheckedTables tables, DatasetSpec spec, ResearchPanel panel)
    {
        foreach (var t in spec.Release.Tables)
        {
            var by = t.By.Select(panel.Column).ToList();
            string KeyPart(ColumnBuffer c, int r) => c.Type switch
            {
                VariableType.Int32 => c.Ints[r]?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                VariableType.Double => c.Doubles[r]?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.Text[r],
            } ?? "(missing)";
            var groups = new SortedDictionary<string, (string[] Key, List<int> Rows)>(StringComparer.Ordinal);
            for (var r = 0; r < panel.Rows; r++)
            {
                var key = by.Select(c => KeyPart(c, r)).ToArray();
                var joined = string.Join("\u001f", key);
                if (!groups.TryGetValue(joined, out var g)) groups[joined] = g = (key, []);
                g.Rows.Add(r);
            }

            if (t.Kind == SummaryTableKind.Frequency)
            {
                tables.Frequency(t.Name, t.Label, t.By, groups.Values.Select(g => g.Key).ToList(), ["count"], groups.Values.Select(g => new long[] { g.Rows.Count }).ToList());
                continue;
            }

            var value = panel.Column(t.Value!);
            var unit = panel.Entities[t.Unit!];
            tables.Magnitude(t.Name, t.Label, t.By, groups.Values.Select(g =>
            {
                // Contributors are the unit's entities: their values in the cell are summed first.
                var byUnit = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var r in g.Rows)
                {
                    var x = value.Type == VariableType.Int32 ? value.Ints[r] : value.Doubles[r];
                    if (x is null || unit[r] is not { } u) continue;
                    byUnit[u] = byUnit.GetValueOrDefault(u) + x.Value;
                }

                return (g.Key, (IReadOnlyList<double>)byUnit.Values.ToList());
            }).ToList());
        }
    }
}
