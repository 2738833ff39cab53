using System.Text.Json;
using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Panel;

/// <summary>
/// What a linked panel holds, as configuration (docs/outputs.md): the records that make its rows (e.g. payroll
/// person-job-years) and the records they are linked to (e.g. register employers), each with the pseudonymous key written
/// for it, then the variables read or derived from either, and the link's probability column. The study's column names
/// live in such a file (<c>examples/linked-panel.json</c> for the synthetic study), not in the code.
/// </summary>
/// <remarks>
/// The file: <c>{ "description", "records": SOURCE, "linked": SOURCE, "probability": { "name", "label" }, "variables": [VARIABLE] }</c>
/// with SOURCE <c>{ "source", "id_column", "key": { "name", "column", "domain", "label" }, "classifications": { column: class } }</c>
/// and VARIABLE <c>{ "name", "label", "type", "source", "column", "derive", "with", "required" }</c> (as a dataset spec's
/// release variables, docs/dataset.md). Unknown fields are errors; every problem is reported at once.
/// </remarks>
public sealed record LinkedPanelDefinition
{
    /// <summary>What the panel is, for people reading the file.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The records that make the rows, one row each.</summary>
    public required PanelSource Records { get; init; }

    /// <summary>The records the rows are linked to (at most one each).</summary>
    public required PanelSource Linked { get; init; }

    /// <summary>Panel column of the link's match probability (null when the row is not linked).</summary>
    public required string ProbabilityName { get; init; }

    /// <summary>One sentence on the probability column.</summary>
    public string ProbabilityLabel { get; init; } = string.Empty;

    /// <summary>The variables, in column order (after the two keys; the probability follows them).</summary>
    public required IReadOnlyList<PanelVariable> Variables { get; init; }

    /// <summary>The input a variable reads (<see cref="Records"/> or <see cref="Linked"/>).</summary>
    /// <param name="variable">One of <see cref="Variables"/>.</param>
    /// <returns>The input.</returns>
    public PanelSource SourceOf(PanelVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Source == Records.Name ? Records : Linked;
    }

    /// <summary>Reads and checks a definition file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid definition (every problem listed, with the file).</exception>
    public static LinkedPanelDefinition Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: linked panel definition not found.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads and checks a definition.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="origin">Where it comes from (a file name), for messages.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid definition (every problem listed).</exception>
    public static LinkedPanelDefinition Parse(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(origin);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{origin}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var reader = new Reader();
            var definition = reader.Definition(document.RootElement);
            if (reader.Problems.Count > 0 || definition is null)
                throw new InvalidDataException($"{origin}: invalid linked panel definition ({reader.Problems.Count} problem{(reader.Problems.Count == 1 ? string.Empty : "s")}):"
                    + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", reader.Problems));
            return definition;
        }
    }

    /// <summary>Reads the JSON, collecting every problem with its path.</summary>
    private sealed class Reader
    {
        public List<string> Problems { get; } = [];

        public LinkedPanelDefinition? Definition(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problems.Add("the definition is a JSON object");
                return null;
            }

            Known(root, "", "description", "records", "linked", "probability", "variables");
            var records = Source(root, "records");
            var linked = Source(root, "linked");
            string? probabilityName = null, probabilityLabel = null;
            if (Object(root, "probability", "") is { } probability)
            {
                Known(probability, "probability", "name", "label");
                probabilityName = Text(probability, "name", "probability", required: true);
                probabilityLabel = Text(probability, "label", "probability");
            }

            var variables = new List<PanelVariable>();
            if (root.TryGetProperty("variables", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var e in list.EnumerateArray())
                    if (Variable(e, $"variables[{i++}]", records, linked) is { } v) variables.Add(v);
            }
            else
            {
                Problems.Add("variables: an array of variables is required");
            }

            if (records is null || linked is null || probabilityName is null) return null;
            if (records.Name == linked.Name) Problems.Add($"linked.source: the two inputs need different names (both '{records.Name}')");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in new[] { records.KeyName, linked.KeyName }.Concat(variables.Select(v => v.Name)).Append(probabilityName))
                if (!names.Add(name)) Problems.Add($"column '{name}' is defined twice");
            return new LinkedPanelDefinition
            {
                Description = Text(root, "description", "") ?? string.Empty,
                Records = records,
                Linked = linked,
                ProbabilityName = probabilityName,
                ProbabilityLabel = probabilityLabel ?? string.Empty,
                Variables = variables,
            };
        }

        private PanelSource? Source(JsonElement root, string at)
        {
            if (Object(root, at, "") is not { } e) return null;
            Known(e, at, "source", "id_column", "key", "classifications");
            var name = Text(e, "source", at, required: true);
            var id = Text(e, "id_column", at, required: true);
            string? keyName = null, keyColumn = null, keyDomain = null, keyLabel = null;
            if (Object(e, "key", at) is { } key)
            {
                Known(key, at + ".key", "name", "column", "domain", "label");
                keyName = Text(key, "name", at + ".key", required: true);
                keyColumn = Text(key, "column", at + ".key");
                keyDomain = Text(key, "domain", at + ".key", required: true);
                keyLabel = Text(key, "label", at + ".key");
            }

            var classes = new Dictionary<string, DataClassification>(StringComparer.Ordinal);
            if (e.TryGetProperty("classifications", out var c))
            {
                if (c.ValueKind != JsonValueKind.Object) Problems.Add($"{at}.classifications: an object of file column -> class");
                else
                    foreach (var p in c.EnumerateObject())
                    {
                        var value = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                        var found = Enum.GetValues<DataClassification>().Where(x => x.ToConfigName() == value).ToList();
                        if (found.Count == 1) classes[p.Name] = found[0];
                        else Problems.Add($"{at}.classifications.{p.Name}: '{value}' is not one of {string.Join(", ", Enum.GetValues<DataClassification>().Select(x => x.ToConfigName()))}");
                    }
            }

            if (name is null || id is null || keyName is null || keyDomain is null) return null;
            return new PanelSource
            {
                Name = name, IdColumn = id, KeyName = keyName, KeyColumn = keyColumn ?? id, KeyDomain = keyDomain, KeyLabel = keyLabel ?? string.Empty,
                Classifications = classes,
            };
        }

        private PanelVariable? Variable(JsonElement e, string at, PanelSource? records, PanelSource? linked)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"{at}: a variable is an object");
                return null;
            }

            Known(e, at, "name", "label", "type", "source", "column", "derive", "with", "required");
            var name = Text(e, "name", at, required: true);
            var source = Text(e, "source", at, required: true);
            var column = Text(e, "column", at, required: true);
            var typeName = Text(e, "type", at);
            var type = VariableDerivations.ParseType(typeName);
            if (type is null) Problems.Add($"{at}.type: '{typeName}' is not one of text, int32, double");
            var deriveName = Text(e, "derive", at);
            var derive = VariableDerivations.ParseDerivation(deriveName);
            if (derive is null) Problems.Add($"{at}.derive: '{deriveName}' is not one of copy, year_of, age, log, log_ratio");
            var with = Text(e, "with", at);
            if (derive is { } d && VariableDerivations.NeedsSecondColumn(d) && with is null) Problems.Add($"{at}.with: derivation {deriveName} needs the second column in \"with\"");
            if (derive is not (null or VariableDerivation.Copy) && type == VariableType.Text) Problems.Add($"{at}.type: a derived variable is a number (int32 or double)");
            var required = false;
            if (e.TryGetProperty("required", out var r))
            {
                if (r.ValueKind is JsonValueKind.True or JsonValueKind.False) required = r.GetBoolean();
                else Problems.Add($"{at}.required: true or false");
            }

            if (source is not null && records is not null && linked is not null && source != records.Name && source != linked.Name)
                Problems.Add($"{at}.source: '{source}' is neither the records ('{records.Name}') nor the linked records ('{linked.Name}')");
            if (name is null || source is null || column is null || type is null || derive is null) return null;
            return new PanelVariable
            {
                Name = name, Label = Text(e, "label", at) ?? string.Empty, Type = type.Value, Source = source, Column = column, Derive = derive.Value,
                With = with, Required = required,
            };
        }

        private JsonElement? Object(JsonElement parent, string name, string at)
        {
            var path = at.Length == 0 ? name : at + "." + name;
            if (!parent.TryGetProperty(name, out var e))
            {
                Problems.Add($"{path}: required");
                return null;
            }

            if (e.ValueKind == JsonValueKind.Object) return e;
            Problems.Add($"{path}: an object is required");
            return null;
        }

        private string? Text(JsonElement parent, string name, string at, bool required = false)
        {
            var path = at.Length == 0 ? name : at + "." + name;
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                if (required) Problems.Add($"{path}: required");
                return null;
            }

            if (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s) return s;
            Problems.Add($"{path}: a non-empty string is required");
            return null;
        }

        private void Known(JsonElement e, string at, params string[] names)
        {
            foreach (var p in e.EnumerateObject())
                if (!names.Contains(p.Name, StringComparer.Ordinal))
                    Problems.Add($"{(at.Length == 0 ? p.Name : at + "." + p.Name)}: unknown field (known: {string.Join(", ", names)})");
        }
    }
}
