using System.Text.Json;
using System.Text.RegularExpressions;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Spec;

/// <summary>
/// Reads a dataset spec (docs/dataset.md) and validates it against itself and its linkage jobs, collecting every problem
/// before failing. Unknown fields are errors, as in job files.
/// </summary>
internal sealed partial class DatasetSpecParser(string baseDirectory)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly List<string> _problems = [];

    public DatasetSpec Parse(string json)
    {
        using (var document = Document(json, "the spec"))
        {
            var root = document.RootElement;
            Known(root, "", "name", "description", "spines", "sources", "release");
            var name = String(root, "name", "") ?? "dataset";
            var spines = Array(root, "spines", "").Select((e, i) => ParseSpine(e, $"spines[{i}]")).ToList();
            var sources = Array(root, "sources", "").Select((e, i) => ParseSource(e, $"sources[{i}]")).ToList();
            var release = root.TryGetProperty("release", out var r) && r.ValueKind == JsonValueKind.Object
                ? ParseRelease(r)
                : Fail<ReleaseSpec>("release: required object is missing");
            var spec = new DatasetSpec
            {
                Name = name,
                Description = String(root, "description", "", required: false) ?? string.Empty,
                Spines = spines,
                Sources = sources,
                Release = release ?? new ReleaseSpec { PanelSource = "", Keys = new Dictionary<string, string>(), Probabilities = new Dictionary<string, string>(), Variables = [] },
            };
            if (_problems.Count == 0) CheckReferences(spec);
            if (_problems.Count == 0) _problems.AddRange(ReleasePolicy.Problems(spec));
            if (_problems.Count > 0) throw new DatasetSpecException(_problems);
            return spec;
        }
    }

    /// <summary>Parses one source definition (for <c>add-source</c>) and returns <paramref name="spec"/> extended by it, validated as a whole.</summary>
    public DatasetSpec ParseAddedSource(string json, DatasetSpec spec)
    {
        using (var document = Document(json, "the source definition"))
        {
            var root = document.RootElement;
            Known(root, "", "source", "representatives", "release_variables");
            if (!root.TryGetProperty("source", out var s) || s.ValueKind != JsonValueKind.Object)
                throw new DatasetSpecException(["source: required object is missing"]);
            var source = ParseSource(s, "source");
            var representatives = new List<(string Spine, RepresentativeSpec Representative)>();
            if (root.TryGetProperty("representatives", out var reps))
            {
                foreach (var p in reps.EnumerateObject())
                    representatives.Add((p.Name, new RepresentativeSpec(source.Name, StringMap(p.Value, $"representatives.{p.Name}"))));
            }

            var variables = Array(root, "release_variables", "", required: false).Select((e, i) => ParseVariable(e, $"release_variables[{i}]")).ToList();
            if (_problems.Count > 0) throw new DatasetSpecException(_problems);
            if (spec.Sources.Any(x => x.Name == source.Name))
                throw new DatasetSpecException([$"source.name: the dataset already has a source '{source.Name}'"]);
            var spines = spec.Spines.Select(spine =>
            {
                var added = representatives.Where(r => r.Spine == spine.Name).Select(r => r.Representative).ToList();
                return added.Count == 0 ? spine : spine with { Representatives = [.. spine.Representatives, .. added] };
            }).ToList();
            foreach (var (spine, _) in representatives)
                if (spec.Spines.All(x => x.Name != spine)) _problems.Add($"representatives.{spine}: the dataset has no spine '{spine}'");
            var extended = spec with
            {
                Spines = spines,
                Sources = [.. spec.Sources, source],
                Release = spec.Release with { Variables = [.. spec.Release.Variables, .. variables] },
            };
            if (_problems.Count == 0) CheckReferences(extended);
            if (_problems.Count == 0) _problems.AddRange(ReleasePolicy.Problems(extended));
            if (_problems.Count > 0) throw new DatasetSpecException(_problems);
            return extended;
        }
    }

    private static JsonDocument Document(string json, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new DatasetSpecException([$"{what} is not valid JSON: {ex.Message}"]);
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new DatasetSpecException([$"{what} must be a JSON object"]);
    }

    private SpineSpec ParseSpine(JsonElement e, string at)
    {
        Known(e, at, "name", "label", "id_prefix", "columns", "representatives");
        var name = String(e, "name", at) ?? "";
        CheckName(name, $"{at}.name");
        var prefix = String(e, "id_prefix", at, required: false) ?? (name.Length >= 3 ? name[..3] : name).ToUpperInvariant();
        if (!IdPrefix().IsMatch(prefix)) _problems.Add($"{at}.id_prefix: '{prefix}' must be 1 to 8 upper-case letters or digits, starting with a letter");
        var columns = Array(e, "columns", at).Select((c, i) => c.ValueKind == JsonValueKind.String ? c.GetString()! : Fail<string>($"{at}.columns[{i}]: must be a string") ?? "").ToList();
        if (columns.Count == 0) _problems.Add($"{at}.columns: a spine needs at least one column");
        foreach (var c in columns) CheckName(c, $"{at}.columns");
        if (columns.Contains("record_key") || columns.Contains("entity_id")) _problems.Add($"{at}.columns: 'record_key' and 'entity_id' are the spine file's own columns");
        var reps = Array(e, "representatives", at).Select((r, i) =>
        {
            var rat = $"{at}.representatives[{i}]";
            Known(r, rat, "source", "columns");
            var map = r.TryGetProperty("columns", out var m) ? StringMap(m, $"{rat}.columns") : new Dictionary<string, string>();
            foreach (var key in map.Keys.Where(k => !columns.Contains(k)))
                _problems.Add($"{rat}.columns: '{key}' is not a column of spine '{name}' (columns: {string.Join(", ", columns)})");
            return new RepresentativeSpec(String(r, "source", rat) ?? "", map);
        }).ToList();
        return new SpineSpec
        {
            Name = name,
            Label = String(e, "label", at, required: false) ?? string.Empty,
            IdPrefix = prefix,
            Columns = columns,
            Representatives = reps,
        };
    }

    private SourceSpec ParseSource(JsonElement e, string at)
    {
        Known(e, at, "name", "label", "id_column", "classifications", "links");
        var name = String(e, "name", at) ?? "";
        CheckName(name, $"{at}.name");
        var classifications = new Dictionary<string, DataClassification>(StringComparer.Ordinal);
        if (e.TryGetProperty("classifications", out var cls))
        {
            foreach (var (column, value) in StringMap(cls, $"{at}.classifications"))
            {
                var parsed = value switch
                {
                    "direct_identifier" => DataClassification.DirectIdentifier,
                    "quasi_identifier" => DataClassification.QuasiIdentifier,
                    "attribute" => DataClassification.Attribute,
                    _ => (DataClassification?)null,
                };
                if (parsed is { } p) classifications[column] = p;
                else _problems.Add($"{at}.classifications.{column}: '{value}' is not one of direct_identifier, quasi_identifier, attribute");
            }
        }

        var links = Array(e, "links", at).Select((l, i) => ParseLink(l, $"{at}.links[{i}]")).ToList();
        return new SourceSpec
        {
            Name = name,
            Label = String(e, "label", at, required: false) ?? string.Empty,
            IdColumn = String(e, "id_column", at) ?? "",
            Classifications = classifications,
            Links = links,
        };
    }

    private SourceLinkSpec ParseLink(JsonElement e, string at)
    {
        Known(e, at, "spine", "job", "mint", "dedupe_within_wave");
        var spine = String(e, "spine", at) ?? "";
        var mint = Bool(e, "mint", at);
        var dedupe = Bool(e, "dedupe_within_wave", at);
        if (dedupe && !mint) _problems.Add($"{at}.dedupe_within_wave: needs \"mint\": true (records of a wave that find no entity form new ones together)");
        string origin;
        string? json = null;
        if (!e.TryGetProperty("job", out var job))
        {
            _problems.Add($"{at}.job: required (a job file path or an inline job object)");
            origin = "missing";
        }
        else if (job.ValueKind == JsonValueKind.String)
        {
            origin = job.GetString()!;
            var path = Path.GetFullPath(Path.Combine(baseDirectory, origin));
            if (File.Exists(path)) json = File.ReadAllText(path);
            else _problems.Add($"{at}.job: file '{path}' does not exist");
        }
        else if (job.ValueKind == JsonValueKind.Object)
        {
            origin = "inline";
            json = job.GetRawText();
        }
        else
        {
            origin = "invalid";
            _problems.Add($"{at}.job: must be a file path or a job object");
        }

        if (json is not null) _problems.AddRange(LinkJobRules.Problems(json, at + ".job", baseDirectory));
        return new SourceLinkSpec { Spine = spine, JobOrigin = origin, JobJson = json ?? "{}", Mint = mint, DedupeWithinWave = dedupe };
    }

    private ReleaseSpec? ParseRelease(JsonElement e)
    {
        const string at = "release";
        Known(e, at, "panel", "variables", "tables", "cohort");
        if (!e.TryGetProperty("panel", out var panel) || panel.ValueKind != JsonValueKind.Object)
            return Fail<ReleaseSpec>("release.panel: required object is missing");
        Known(panel, "release.panel", "source", "keys", "probabilities");
        var variables = Array(e, "variables", at).Select((v, i) => ParseVariable(v, $"release.variables[{i}]")).ToList();
        var tables = Array(e, "tables", at, required: false).Select((t, i) => ParseTable(t, $"release.tables[{i}]")).ToList();
        CohortReleaseSpec? cohort = null;
        if (e.TryGetProperty("cohort", out var c))
        {
            Known(c, "release.cohort", "source", "spine", "probability");
            cohort = new CohortReleaseSpec(String(c, "source", "release.cohort") ?? "", String(c, "spine", "release.cohort") ?? "",
                String(c, "probability", "release.cohort", required: false) ?? "cohort_link_probability");
        }

        return new ReleaseSpec
        {
            PanelSource = String(panel, "source", "release.panel") ?? "",
            Keys = panel.TryGetProperty("keys", out var k) ? StringMap(k, "release.panel.keys") : Fail<Dictionary<string, string>>("release.panel.keys: required") ?? [],
            Probabilities = panel.TryGetProperty("probabilities", out var p) ? StringMap(p, "release.panel.probabilities") : new Dictionary<string, string>(),
            Variables = variables,
            Tables = tables,
            Cohort = cohort,
        };
    }

    private ReleaseVariableSpec ParseVariable(JsonElement e, string at)
    {
        Known(e, at, "name", "label", "type", "unit", "source", "column", "derive", "with");
        var name = String(e, "name", at) ?? "";
        CheckName(name, $"{at}.name");
        var typeName = String(e, "type", at, required: false);
        var type = VariableDerivations.ParseType(typeName) ?? Fail<VariableType>($"{at}.type: '{typeName}' is not one of text, int32, double");
        var deriveName = String(e, "derive", at, required: false);
        var derive = VariableDerivations.ParseDerivation(deriveName) ?? Fail<VariableDerivation>($"{at}.derive: '{deriveName}' is not one of copy, year_of, age, log, log_ratio");
        var with = String(e, "with", at, required: false);
        if (VariableDerivations.NeedsSecondColumn(derive) && with is null)
            _problems.Add($"{at}.with: derivation {derive} needs the second column in \"with\"");
        if (derive is not (VariableDerivation.Copy) && type == VariableType.Text)
            _problems.Add($"{at}.type: a derived variable is a number (int32 or double)");
        return new ReleaseVariableSpec
        {
            Name = name,
            Label = String(e, "label", at) ?? "",
            Type = type,
            Unit = String(e, "unit", at, required: false) ?? string.Empty,
            Source = String(e, "source", at) ?? "",
            Column = String(e, "column", at) ?? "",
            Derive = derive,
            With = with,
        };
    }

    private SummaryTableSpec ParseTable(JsonElement e, string at)
    {
        Known(e, at, "name", "label", "kind", "by", "value", "unit");
        var name = String(e, "name", at) ?? "";
        CheckName(name, $"{at}.name");
        var kind = String(e, "kind", at) switch
        {
            "frequency" => SummaryTableKind.Frequency,
            "magnitude" => SummaryTableKind.Magnitude,
            var other => Fail<SummaryTableKind>($"{at}.kind: '{other}' is not one of frequency, magnitude"),
        };
        var by = Array(e, "by", at).Select(b => b.ValueKind == JsonValueKind.String ? b.GetString()! : "").ToList();
        var value = String(e, "value", at, required: false);
        var unit = String(e, "unit", at, required: false);
        if (kind == SummaryTableKind.Magnitude && (value is null || unit is null))
            _problems.Add($"{at}: a magnitude table needs \"value\" (the variable totalled) and \"unit\" (the spine of the contributors)");
        return new SummaryTableSpec { Name = name, Label = String(e, "label", at, required: false) ?? string.Empty, Kind = kind, By = by, Value = value, Unit = unit };
    }

    private void CheckReferences(DatasetSpec spec)
    {
        Unique(spec.Spines.Select(s => s.Name), "spines", "spine");
        Unique(spec.Sources.Select(s => s.Name), "sources", "source");
        Unique(spec.Spines.Select(s => s.IdPrefix), "spines", "id_prefix");
        var spines = spec.Spines.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var sources = spec.Sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var spine in spec.Spines)
        {
            foreach (var rep in spine.Representatives.Where(r => !sources.Contains(r.Source)))
                _problems.Add($"spines.{spine.Name}.representatives: no source '{rep.Source}'");
            Unique(spine.Representatives.Select(r => r.Source), $"spines.{spine.Name}.representatives", "source");
        }

        foreach (var source in spec.Sources)
        {
            Unique(source.Links.Select(l => l.Spine), $"sources.{source.Name}.links", "spine");
            foreach (var link in source.Links)
            {
                if (!spines.TryGetValue(link.Spine, out var spine))
                {
                    _problems.Add($"sources.{source.Name}.links: no spine '{link.Spine}' (spines: {string.Join(", ", spines.Keys)})");
                    continue;
                }

                if (link.Mint && spine.Representatives.All(r => r.Source != source.Name))
                    _problems.Add($"sources.{source.Name}.links({link.Spine}).mint: entities founded by '{source.Name}' need a representative: add it to spines.{spine.Name}.representatives");
                _problems.AddRange(LinkJobRules.SpineColumnProblems(link.JobJson, spine, $"sources.{source.Name}.links({link.Spine}).job", baseDirectory));
            }
        }

        var release = spec.Release;
        if (!sources.Contains(release.PanelSource))
        {
            _problems.Add($"release.panel.source: no source '{release.PanelSource}'");
            return;
        }

        var panelLinks = spec.Source(release.PanelSource).Links.Select(l => l.Spine).ToList();
        foreach (var spine in panelLinks.Where(s => !release.Keys.ContainsKey(s)))
            _problems.Add($"release.panel.keys: no key column for spine '{spine}' (the panel source links to it)");
        foreach (var spine in release.Keys.Keys.Concat(release.Probabilities.Keys).Where(s => !panelLinks.Contains(s)).Distinct())
            _problems.Add($"release.panel: spine '{spine}' is not linked from the panel source '{release.PanelSource}'");
        var columns = new HashSet<string>(StringComparer.Ordinal) { "wave" };
        foreach (var name in release.Keys.Values.Concat(release.Probabilities.Values))
            if (!columns.Add(name)) _problems.Add($"release.panel: column '{name}' is named twice");
        foreach (var v in release.Variables)
        {
            if (!columns.Add(v.Name)) _problems.Add($"release.variables.{v.Name}: the name repeats or clashes with a key, probability or 'wave' column");
            if (!sources.Contains(v.Source)) _problems.Add($"release.variables.{v.Name}.source: no source '{v.Source}'");
            else if (v.Source != release.PanelSource && !spec.Source(v.Source).Links.Any(l => panelLinks.Contains(l.Spine)))
                _problems.Add($"release.variables.{v.Name}.source: '{v.Source}' shares no spine with the panel source '{release.PanelSource}', so its records cannot be joined to panel rows");
        }

        foreach (var t in release.Tables)
        {
            foreach (var b in t.By.Where(b => !columns.Contains(b) || release.Keys.Values.Contains(b)))
                _problems.Add($"release.tables.{t.Name}.by: '{b}' is not a release variable or 'wave'");
            if (t.Kind == SummaryTableKind.Magnitude)
            {
                var value = release.Variables.FirstOrDefault(v => v.Name == t.Value);
                if (value is null || value.Type == VariableType.Text) _problems.Add($"release.tables.{t.Name}.value: '{t.Value}' is not a numeric release variable");
                if (t.Unit is not null && !release.Keys.ContainsKey(t.Unit)) _problems.Add($"release.tables.{t.Name}.unit: '{t.Unit}' is not a spine with a key column");
            }
        }

        if (release.Cohort is { } cohort)
        {
            if (!sources.Contains(cohort.Source)) _problems.Add($"release.cohort.source: no source '{cohort.Source}'");
            else if (spec.Source(cohort.Source).LinkTo(cohort.Spine) is null) _problems.Add($"release.cohort: source '{cohort.Source}' has no link to spine '{cohort.Spine}'");
            if (!panelLinks.Contains(cohort.Spine)) _problems.Add($"release.cohort.spine: the panel source does not link to '{cohort.Spine}'");
        }
    }

    private void Unique(IEnumerable<string> names, string at, string what)
    {
        foreach (var g in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            _problems.Add($"{at}: {what} '{g.Key}' appears {g.Count()} times");
    }

    private void CheckName(string name, string at)
    {
        if (!SnakeName().IsMatch(name)) _problems.Add($"{at}: '{name}' must be snake_case (lower-case letters, digits and underscores, starting with a letter)");
    }

    private void Known(JsonElement e, string at, params string[] names)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{(at.Length == 0 ? "spec" : at)}: must be an object");
            return;
        }

        foreach (var p in e.EnumerateObject())
            if (!names.Contains(p.Name)) _problems.Add($"{(at.Length == 0 ? "" : at + ".")}{p.Name}: unknown field (known: {string.Join(", ", names)})");
    }

    private string? String(JsonElement e, string name, string at, bool required = true)
    {
        var where = at.Length == 0 ? name : $"{at}.{name}";
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            if (required) _problems.Add($"{where}: required");
            return null;
        }

        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        _problems.Add($"{where}: must be a string");
        return null;
    }

    private bool Bool(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v)) return false;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        _problems.Add($"{at}.{name}: must be true or false");
        return false;
    }

    private List<JsonElement> Array(JsonElement e, string name, string at, bool required = true)
    {
        var where = at.Length == 0 ? name : $"{at}.{name}";
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            if (required) _problems.Add($"{where}: required array is missing");
            return [];
        }

        if (v.ValueKind == JsonValueKind.Array) return [.. v.EnumerateArray()];
        _problems.Add($"{where}: must be an array");
        return [];
    }

    private Dictionary<string, string> StringMap(JsonElement e, string at)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{at}: must be an object of strings");
            return map;
        }

        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String) map[p.Name] = p.Value.GetString()!;
            else _problems.Add($"{at}.{p.Name}: must be a string");
        }

        return map;
    }

    private T? Fail<T>(string problem)
    {
        _problems.Add(problem);
        return default;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeName();

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,7}$")]
    private static partial Regex IdPrefix();
}
