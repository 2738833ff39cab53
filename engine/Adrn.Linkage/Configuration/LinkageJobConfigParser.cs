using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Adrn.Tables;

namespace Adrn.Linkage.Configuration;

/// <summary>
/// Reads the job JSON by hand rather than by deserialisation so that every problem is collected (with its JSON
/// path) and reported at once, instead of stopping at the first.
/// </summary>
internal sealed partial class LinkageJobConfigParser
{
    private readonly string _baseDirectory;
    private readonly IReadOnlyDictionary<string, string>? _variables;
    private readonly List<string> _problems = [];

    /// <summary>Whether source files must exist (a worker node reading a prepared job does not need them).</summary>
    public bool RequireInputFiles { get; init; } = true;

    public LinkageJobConfigParser(string baseDirectory, IReadOnlyDictionary<string, string>? variables)
    {
        _baseDirectory = Path.GetFullPath(baseDirectory);
        _variables = variables;
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex VariablePattern();

    public LinkageJobConfig Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigValidationException($"the job file is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ConfigValidationException("the job file must hold a JSON object");
            CheckKnown(root, "", "name", "link_type", "sources", "columns", "blocking_rules", "comparisons", "term_frequency",
                "training", "resolution", "outputs", "truth", "max_comparisons", "partitions", "description", "scorer", "learning", "max_rejected_share");

            var name = Str(root, "name", "") ?? "linkage job";
            var linkType = EnumValue(root, "link_type", "", LinkType.LinkOnly, required: true);
            var columns = ParseColumns(root);
            var columnNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in columns) columnNames.Add(c.Name);
            var sources = ParseSources(root, columns);
            if (sources.Count > 0)
            {
                if (linkType == LinkType.LinkOnly && sources.Count != 2)
                    _problems.Add($"link_type: link_only needs exactly 2 sources, found {sources.Count}");
                if (linkType == LinkType.DedupeOnly && sources.Count != 1)
                    _problems.Add($"link_type: dedupe_only needs exactly 1 source, found {sources.Count}");
            }

            var rules = new List<BlockingRuleConfig>();
            if (!root.TryGetProperty("blocking_rules", out var br) || br.ValueKind != JsonValueKind.Array || br.GetArrayLength() == 0)
                _problems.Add("blocking_rules: at least one blocking rule is required");
            else
                rules.AddRange(ParseRules(br, "blocking_rules", columns));

            var comparisons = ParseComparisons(root, columns);
            var tf = ParseTermFrequency(root);
            if (tf.Source is { } tfSource && sources.Count > 0 && !sources.Any(x => x.Name == tfSource))
                _problems.Add($"term_frequency.source: '{tfSource}' is not a source (sources: {string.Join(", ", sources.Select(x => x.Name))})");
            var training = ParseTraining(root, columns, comparisons);
            var resolution = ParseResolution(root, linkType);
            var outputs = ParseOutputs(root);
            var truth = ParseTruth(root);
            var maxComparisons = (long)Num(root, "max_comparisons", "", 500_000_000, 1, 1e15);
            var partitions = (int)Num(root, "partitions", "", 64, 1, 65536);
            var maxRejectedShare = Num(root, "max_rejected_share", "", LinkageJobConfig.DefaultMaxRejectedShare, 0, 1);
            var (scorer, learningJson) = ParseScorer(root);
            if (scorer == PairScorerKind.Learned && resolution.RegisterPosterior is not null)
                _problems.Add("resolution.register_posterior: needs the fellegi-sunter scorer (the posterior weighs its Bayes factors m/u); the learned scorer's probabilities are not Bayes factors");

            if (_problems.Count > 0) throw new ConfigValidationException(_problems);
            return new LinkageJobConfig
            {
                Name = name,
                BaseDirectory = _baseDirectory,
                LinkType = linkType,
                Sources = sources,
                Columns = columns,
                BlockingRules = rules,
                Comparisons = comparisons,
                TermFrequency = tf,
                Training = training,
                Resolution = resolution,
                Outputs = outputs,
                Truth = truth,
                MaxComparisons = maxComparisons,
                Partitions = partitions,
                MaxRejectedShare = maxRejectedShare,
                Scorer = scorer,
                LearningJson = learningJson,
            };
        }
    }

    private List<ColumnConfig> ParseColumns(JsonElement root)
    {
        var list = new List<ColumnConfig>();
        if (!root.TryGetProperty("columns", out var cols) || cols.ValueKind != JsonValueKind.Array || cols.GetArrayLength() == 0)
        {
            _problems.Add("columns: at least one column is required");
            return list;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var c in cols.EnumerateArray())
        {
            var at = $"columns[{i++}]";
            if (c.ValueKind == JsonValueKind.String)
            {
                var n = c.GetString()!;
                if (!seen.Add(n)) _problems.Add($"{at}: duplicate column name '{n}'");
                list.Add(new ColumnConfig { Name = n, Classification = ColumnClassifications.DefaultFor(n, ColumnType.Text) });
                continue;
            }

            if (c.ValueKind != JsonValueKind.Object) { _problems.Add($"{at}: must be an object or a name"); continue; }
            CheckKnown(c, at, "name", "type", "standardiser", "classification", "synonyms", "max_rejected_share");
            var name = Str(c, "name", at, required: true) ?? "?";
            if (!seen.Add(name)) _problems.Add($"{at}: duplicate column name '{name}'");
            var type = EnumValue(c, "type", at, ColumnType.Text);
            var std = EnumValue(c, "standardiser", at, DefaultStandardiser(type));
            var classification = EnumValue(c, "classification", at, ColumnClassifications.DefaultFor(name, type));
            var synonyms = ParseSynonyms(c, at, std);
            double? columnShare = c.TryGetProperty("max_rejected_share", out _) ? Num(c, "max_rejected_share", at, 0, 0, 1) : null;
            list.Add(new ColumnConfig
            {
                Name = name, Type = type, Standardiser = std, Classification = classification, Synonyms = synonyms, MaxRejectedShare = columnShare,
            });
        }

        return list;
    }

    /// <summary><c>synonyms</c>: <c>uk</c> (the shipped table) and/or table files, merged in order (later entries win).</summary>
    private Standardisation.CompanySynonymTable? ParseSynonyms(JsonElement column, string at, StandardiserKind standardiser)
    {
        if (!column.TryGetProperty("synonyms", out _)) return null;
        if (standardiser != StandardiserKind.CompanyName)
        {
            _problems.Add($"{at}.synonyms: only a column with the company_name standardiser takes synonyms");
            return null;
        }

        var table = Standardisation.CompanySynonymTable.Empty;
        foreach (var entry in StrList(column, "synonyms", at) ?? [])
        {
            if (string.Equals(entry, "uk", StringComparison.OrdinalIgnoreCase))
            {
                table = table.With(Standardisation.CompanySynonymTable.Uk);
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(_baseDirectory, entry));
            if (!File.Exists(path))
            {
                _problems.Add($"{at}.synonyms: file '{path}' does not exist (give 'uk' for the shipped table, or a from,to CSV file)");
                continue;
            }

            try
            {
                table = table.With(Standardisation.CompanySynonymTable.Load(path));
            }
            catch (InvalidDataException ex)
            {
                _problems.Add($"{at}.synonyms: {ex.Message}");
            }
        }

        return table;
    }

    private static StandardiserKind DefaultStandardiser(ColumnType type) => type switch
    {
        ColumnType.Name => StandardiserKind.Name,
        ColumnType.CompanyName => StandardiserKind.CompanyName,
        ColumnType.Postcode => StandardiserKind.Postcode,
        ColumnType.Nino => StandardiserKind.Nino,
        _ => StandardiserKind.None,
    };

    private List<SourceConfig> ParseSources(JsonElement root, List<ColumnConfig> columns)
    {
        var list = new List<SourceConfig>();
        if (!root.TryGetProperty("sources", out var arr) || arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() == 0)
        {
            _problems.Add("sources: at least one source is required");
            return list;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var s in arr.EnumerateArray())
        {
            var at = $"sources[{i}]";
            i++;
            if (s.ValueKind != JsonValueKind.Object) { _problems.Add($"{at}: must be an object"); continue; }
            CheckKnown(s, at, "name", "path", "format", "delimiter", "encoding", "id_column", "columns", "date_formats", "duplicate_ids", "order_by", "classifications", "max_rejected_share");
            var name = Str(s, "name", at) ?? (i == 1 ? "l" : i == 2 ? "r" : $"s{i}");
            if (!names.Add(name)) _problems.Add($"{at}.name: duplicate source name '{name}'");
            var rawPath = Str(s, "path", at, required: true);
            string path = "";
            if (rawPath is not null)
            {
                path = Path.GetFullPath(Path.Combine(_baseDirectory, rawPath));
                if (RequireInputFiles && !File.Exists(path)) _problems.Add($"{at}.path: file '{path}' does not exist");
            }

            SourceFormat format;
            if (s.TryGetProperty("format", out _)) format = EnumValue(s, "format", at, SourceFormat.Csv);
            else
            {
                var ext = Path.GetExtension(path).ToLowerInvariant();
                format = ext switch { ".arrow" or ".feather" or ".ipc" => SourceFormat.Arrow, ".parquet" => SourceFormat.Parquet, _ => SourceFormat.Csv };
            }

            var (delimiter, encoding) = ParseCsvOptions(s, at, format);
            var id = Str(s, "id_column", at, required: true) ?? "";
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (s.TryGetProperty("columns", out var m))
            {
                if (m.ValueKind != JsonValueKind.Object) _problems.Add($"{at}.columns: must map job column -> file column");
                else
                    foreach (var p in m.EnumerateObject())
                    {
                        if (p.Value.ValueKind != JsonValueKind.String) { _problems.Add($"{at}.columns.{p.Name}: must be a file column name"); continue; }
                        var known = false;
                        foreach (var c in columns) known |= c.Name == p.Name;
                        if (!known) _problems.Add($"{at}.columns.{p.Name}: '{p.Name}' is not a job column (see columns)");
                        map[p.Name] = p.Value.GetString()!;
                    }
            }

            var formats = StrList(s, "date_formats", at) ?? ["yyyy-MM-dd"];
            foreach (var f in formats)
            {
                try { _ = new DateOnly(2001, 2, 3).ToString(f, CultureInfo.InvariantCulture); }
                catch (FormatException) { _problems.Add($"{at}.date_formats: '{f}' is not a valid .NET date format"); }
            }

            var dup = EnumValue(s, "duplicate_ids", at, DuplicateIdPolicy.Quarantine);
            var orderBy = Str(s, "order_by", at);
            if (dup == DuplicateIdPolicy.KeepLatest && orderBy is null)
                _problems.Add($"{at}.order_by: required when duplicate_ids is keep_latest");
            double? sourceShare = s.TryGetProperty("max_rejected_share", out _) ? Num(s, "max_rejected_share", at, 0, 0, 1) : null;
            list.Add(new SourceConfig
            {
                Name = name, Path = path, Format = format, Delimiter = delimiter, Encoding = encoding, IdColumn = id, ColumnMap = map, DateFormats = formats,
                DuplicateIds = dup, OrderBy = orderBy, Classifications = ParseClassifications(s, at), MaxRejectedShare = sourceShare,
            });
        }

        return list;
    }

    /// <summary>A source's <c>delimiter</c> (<c>,</c> <c>|</c> <c>;</c>, or tab as <c>"\t"</c> or <c>"tab"</c>) and <c>encoding</c>; CSV sources only.</summary>
    private (char Delimiter, CsvEncoding Encoding) ParseCsvOptions(JsonElement source, string at, SourceFormat format)
    {
        var delimiter = ',';
        var encoding = CsvEncoding.Utf8;
        foreach (var option in new[] { "delimiter", "encoding" })
        {
            if (source.TryGetProperty(option, out _) && format != SourceFormat.Csv)
                _problems.Add($"{at}.{option}: applies to CSV sources only (this source is {format.ToString().ToLowerInvariant()})");
        }

        if (Str(source, "delimiter", at) is { } d)
        {
            if (d is "tab" or "\t") delimiter = '\t';
            else if (d.Length == 1 && CsvOptions.SupportedDelimiters.Contains(d[0])) delimiter = d[0];
            else _problems.Add($"{at}.delimiter: '{d}' is not one of \",\", \"|\", \";\", \"\\t\" (tab)");
        }

        if (Str(source, "encoding", at) is { } e && !CsvEncodings.TryParse(e, out encoding))
            _problems.Add($"{at}.encoding: '{e}' is not one of {string.Join(", ", CsvEncodings.Names)}");
        return (delimiter, encoding);
    }

    private Dictionary<string, DataClassification> ParseClassifications(JsonElement source, string at)
    {
        var result = new Dictionary<string, DataClassification>(StringComparer.Ordinal);
        if (!source.TryGetProperty("classifications", out var m)) return result;
        if (m.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{at}.classifications: must map file column -> direct_identifier, quasi_identifier or attribute");
            return result;
        }

        foreach (var p in m.EnumerateObject())
            result[p.Name] = EnumValue(m, p.Name, at + ".classifications", DataClassification.Attribute, required: true);
        return result;
    }

    private (PairScorerKind Scorer, string? LearningJson) ParseScorer(JsonElement root)
    {
        var scorer = PairScorerKind.FellegiSunter;
        var raw = Str(root, "scorer", "");
        if (raw is not null)
        {
            // The documented spelling is kebab case (as in learning.json); snake case is accepted like every other enum.
            switch (raw.Replace('_', '-').ToLowerInvariant())
            {
                case "fellegi-sunter": scorer = PairScorerKind.FellegiSunter; break;
                case "learned": scorer = PairScorerKind.Learned; break;
                default: _problems.Add($"scorer: '{raw}' is not one of fellegi-sunter, learned"); break;
            }
        }

        string? learning = null;
        if (root.TryGetProperty("learning", out var l))
        {
            if (l.ValueKind != JsonValueKind.Object) _problems.Add("learning: must be an object (fields in docs/learned-scoring.md)");
            else learning = l.GetRawText();
        }

        if (scorer == PairScorerKind.Learned && learning is null)
            _problems.Add("learning: required when scorer is learned (at least identifier_rule or labels_path; see docs/learned-scoring.md)");
        return (scorer, learning);
    }

    private List<BlockingRuleConfig> ParseRules(JsonElement arr, string at0, List<ColumnConfig> columns)
    {
        var list = new List<BlockingRuleConfig>();
        var i = 0;
        foreach (var r in arr.EnumerateArray())
        {
            var rule = ParseRule(r, $"{at0}[{i++}]", columns);
            if (rule is not null) list.Add(rule);
        }

        return list;
    }

    private BlockingRuleConfig? ParseRule(JsonElement r, string at, List<ColumnConfig> columns)
    {
        if (r.ValueKind != JsonValueKind.Object) { _problems.Add($"{at}: must be an object with 'parts'"); return null; }
        CheckKnown(r, at, "name", "parts", "type", "window");
        if (!r.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() == 0)
        {
            _problems.Add($"{at}.parts: at least one key part is required");
            return null;
        }

        var kind = EnumValue(r, "type", at, BlockingRuleKind.Keys);
        var window = (int)Num(r, "window", at, 0, 2, 1000);
        if (kind == BlockingRuleKind.SortedNeighbourhood && !r.TryGetProperty("window", out _))
            _problems.Add($"{at}.window: sorted_neighbourhood needs a window of 2..1000 (records this many sort-key values apart are no longer compared)");
        if (kind == BlockingRuleKind.Keys && r.TryGetProperty("window", out _))
            _problems.Add($"{at}.window: only a sorted_neighbourhood rule has a window");
        if (window != Math.Floor((double)window)) _problems.Add($"{at}.window: must be a whole number");

        var list = new List<BlockingKeyPartConfig>();
        var j = 0;
        foreach (var p in parts.EnumerateArray())
        {
            var part = ParseKeyPart(p, $"{at}.parts[{j++}]", columns);
            if (part is not null) list.Add(part);
        }

        var multi = list.Count(x => x.IsMultiKey);
        if (multi > 1)
            _problems.Add($"{at}.parts: at most one part may give several keys per record (minhash, token_soundex, token_double_metaphone, one_edit), found {multi}");
        if (kind == BlockingRuleKind.SortedNeighbourhood && multi > 0)
            _problems.Add($"{at}.parts: a sorted_neighbourhood rule sorts by one key per record; minhash, token_* and one_edit parts give several");

        var name = Str(r, "name", at) ?? (kind == BlockingRuleKind.SortedNeighbourhood
            ? $"sorted_neighbourhood({string.Join(", ", list.Select(x => x.ToString()))}; window {window})"
            : string.Join(" & ", list.Select(x => x.ToString())));
        return new BlockingRuleConfig { Name = name, Parts = list, Kind = kind, Window = kind == BlockingRuleKind.SortedNeighbourhood ? window : 0 };
    }

    private BlockingKeyPartConfig? ParseKeyPart(JsonElement p, string pat, List<ColumnConfig> columns)
    {
        if (p.ValueKind == JsonValueKind.String)
        {
            var cn = p.GetString()!;
            RequireColumn(columns, cn, pat);
            return new BlockingKeyPartConfig { Column = cn };
        }

        if (p.ValueKind != JsonValueKind.Object) { _problems.Add($"{pat}: must be a column name or an object"); return null; }
        CheckKnown(p, pat, "column", "method", "length", "q", "similarity", "bands", "rows", "seed", "max_share", "max_keys");
        var col = Str(p, "column", pat, required: true) ?? "";
        var column = RequireColumn(columns, col, pat);
        var method = EnumValue(p, "method", pat, BlockingKeyMethod.Exact);
        var length = (int)Num(p, "length", pat, 0, 0, 50);
        if (method == BlockingKeyMethod.Prefix && length < 1) _problems.Add($"{pat}.length: prefix needs a length of 1..50");
        var methodName = method.ToString().ToSnakeCase();
        if (column is not null)
        {
            var type = column.Type.ToString().ToSnakeCase();
            if (method is BlockingKeyMethod.PostcodeArea or BlockingKeyMethod.PostcodeDistrict or BlockingKeyMethod.PostcodeSector && column.Type != ColumnType.Postcode)
                _problems.Add($"{pat}.method: {methodName} needs a postcode column, '{col}' is {type}");
            if (method == BlockingKeyMethod.Year && column.Type != ColumnType.Date)
                _problems.Add($"{pat}.method: year needs a date column, '{col}' is {type}");
            if (method == BlockingKeyMethod.RarestToken && column.Type != ColumnType.CompanyName)
                _problems.Add($"{pat}.method: rarest_token needs a company_name column, '{col}' is {type}");
            if (method is BlockingKeyMethod.Minhash or BlockingKeyMethod.TokenSoundex or BlockingKeyMethod.TokenDoubleMetaphone or BlockingKeyMethod.OneEdit
                    or BlockingKeyMethod.PayeOffice or BlockingKeyMethod.PayeReference or BlockingKeyMethod.NinoWithoutSuffix
                && column.Type is ColumnType.Date or ColumnType.Number or ColumnType.Postcode or ColumnType.BloomFilter)
                _problems.Add($"{pat}.method: {methodName} needs a text, name, company_name or nino column, '{col}' is {type}");
        }

        // Method parameters: each is allowed only with the method it belongs to, so a typo never passes silently.
        void OnlyFor(string field, params BlockingKeyMethod[] methods)
        {
            if (p.TryGetProperty(field, out _) && Array.IndexOf(methods, method) < 0)
                _problems.Add($"{pat}.{field}: only {string.Join(" and ", methods.Select(m => m.ToString().ToSnakeCase()))} take {field}");
        }

        OnlyFor("length", BlockingKeyMethod.Prefix);
        OnlyFor("q", BlockingKeyMethod.Minhash);
        OnlyFor("similarity", BlockingKeyMethod.Minhash);
        OnlyFor("bands", BlockingKeyMethod.Minhash);
        OnlyFor("rows", BlockingKeyMethod.Minhash);
        OnlyFor("seed", BlockingKeyMethod.Minhash);
        OnlyFor("max_share", BlockingKeyMethod.TokenSoundex, BlockingKeyMethod.TokenDoubleMetaphone);
        OnlyFor("max_keys", BlockingKeyMethod.TokenSoundex, BlockingKeyMethod.TokenDoubleMetaphone);

        var q = (int)Num(p, "q", pat, BlockingKeyPartConfig.DefaultQ, 1, 5);
        int bands = 0, rows = 0;
        if (method == BlockingKeyMethod.Minhash)
        {
            var hasSimilarity = p.TryGetProperty("similarity", out _);
            var hasBands = p.TryGetProperty("bands", out _);
            var hasRows = p.TryGetProperty("rows", out _);
            if (hasSimilarity && (hasBands || hasRows))
                _problems.Add($"{pat}: give either similarity (bands and rows are then chosen) or bands and rows, not both");
            else if (hasBands != hasRows)
                _problems.Add($"{pat}: bands and rows go together");
            if (hasBands || hasRows)
            {
                bands = (int)Num(p, "bands", pat, 10, 1, 64);
                rows = (int)Num(p, "rows", pat, 4, 1, 16);
            }
            else
            {
                var similarity = Num(p, "similarity", pat, 0.7, 0.05, 0.99);
                (bands, rows) = Blocking.MinHashBanding.Choose(similarity);
            }
        }

        return new BlockingKeyPartConfig
        {
            Column = col, Method = method, Length = length, Q = q, Bands = bands, Rows = rows,
            Seed = (ulong)Num(p, "seed", pat, BlockingKeyPartConfig.DefaultSeed, 0, 9.2e18),
            MaxShare = Num(p, "max_share", pat, 1, 1e-9, 1),
            MaxKeys = (int)Num(p, "max_keys", pat, 8, 1, 32),
        };
    }

    private List<ComparisonConfig> ParseComparisons(JsonElement root, List<ColumnConfig> columns)
    {
        var list = new List<ComparisonConfig>();
        if (!root.TryGetProperty("comparisons", out var arr) || arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() == 0)
        {
            _problems.Add("comparisons: at least one comparison is required");
            return list;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var c in arr.EnumerateArray())
        {
            var at = $"comparisons[{i++}]";
            if (c.ValueKind != JsonValueKind.Object) { _problems.Add($"{at}: must be an object"); continue; }
            CheckKnown(c, at, "name", "column", "levels", "m_probabilities", "u_probabilities");
            var col = Str(c, "column", at, required: true) ?? "";
            var column = RequireColumn(columns, col, at + ".column");
            var name = Str(c, "name", at) ?? col;
            if (!names.Add(name)) _problems.Add($"{at}.name: duplicate comparison name '{name}'");
            if (!IsSnakeName(name)) _problems.Add($"{at}.name: '{name}' must be letters, digits and underscores (it names the gamma_{name} column)");
            var levels = new List<ComparisonLevelConfig>();
            if (!c.TryGetProperty("levels", out var lv) || lv.ValueKind != JsonValueKind.Array || lv.GetArrayLength() == 0)
                _problems.Add($"{at}.levels: at least one level is required");
            else
            {
                var j = 0;
                foreach (var l in lv.EnumerateArray())
                {
                    var level = ParseLevel(l, $"{at}.levels[{j++}]", column, columns);
                    if (level is not null) levels.Add(level);
                }
            }

            if (levels.Count > 13) _problems.Add($"{at}.levels: at most 13 levels are supported, found {levels.Count}");
            var fm = NumList(c, "m_probabilities", at);
            var fu = NumList(c, "u_probabilities", at);
            CheckProbabilities(fm, levels.Count, $"{at}.m_probabilities");
            CheckProbabilities(fu, levels.Count, $"{at}.u_probabilities");
            list.Add(new ComparisonConfig { Name = name, Column = col, Levels = levels, FixedM = fm, FixedU = fu });
        }

        if (list.Count > 16) _problems.Add($"comparisons: at most 16 comparisons are supported, found {list.Count}");
        return list;
    }

    private void CheckProbabilities(List<double>? p, int levels, string at)
    {
        if (p is null) return;
        if (p.Count != levels + 1)
            _problems.Add($"{at}: needs {levels + 1} values (else level first, best level last), found {p.Count}");
        foreach (var v in p)
            if (!(v > 0 && v <= 1)) _problems.Add($"{at}: {v.ToString(CultureInfo.InvariantCulture)} is not a probability in (0, 1]");
    }

    private static bool IsSnakeName(string s)
    {
        if (s.Length == 0) return false;
        foreach (var ch in s)
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '_')) return false;
        return true;
    }

    private ComparisonLevelConfig? ParseLevel(JsonElement l, string at, ColumnConfig? column, List<ColumnConfig> columns)
    {
        if (l.ValueKind != JsonValueKind.Object) { _problems.Add($"{at}: must be an object with 'type'"); return null; }
        CheckKnown(l, at, "type", "threshold", "other_column", "term_frequency", "label", "token_threshold");
        var kind = EnumValue(l, "type", at, ComparisonLevelKind.Exact, required: true);
        var hasThreshold = l.TryGetProperty("threshold", out _);
        double threshold = 0;
        string defaultLabel;
        var ci = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case ComparisonLevelKind.JaroWinkler:
            case ComparisonLevelKind.Jaro:
            case ComparisonLevelKind.TokenSet:
            case ComparisonLevelKind.Dice:
            case ComparisonLevelKind.SoftTfidf:
            case ComparisonLevelKind.MongeElkan:
                threshold = Num(l, "threshold", at, double.NaN, 0, 1);
                if (!hasThreshold) _problems.Add($"{at}.threshold: a similarity in 0..1 is required for {kind.ToString().ToSnakeCase()}");
                defaultLabel = $"{kind.ToString().ToSnakeCase()} >= {threshold.ToString(ci)}";
                break;
            case ComparisonLevelKind.Levenshtein:
            case ComparisonLevelKind.DamerauLevenshtein:
            case ComparisonLevelKind.DateWithinDays:
                threshold = Num(l, "threshold", at, double.NaN, 0, 1e6);
                if (!hasThreshold) _problems.Add($"{at}.threshold: a whole number >= 0 is required for {kind.ToString().ToSnakeCase()}");
                else if (threshold != Math.Floor(threshold)) _problems.Add($"{at}.threshold: must be a whole number");
                defaultLabel = kind == ComparisonLevelKind.DateWithinDays ? $"within {threshold.ToString(ci)} days" : $"{kind.ToString().ToSnakeCase()} <= {threshold.ToString(ci)}";
                break;
            case ComparisonLevelKind.NumericAbsolute:
            case ComparisonLevelKind.NumericRelative:
                threshold = Num(l, "threshold", at, double.NaN, 0, double.MaxValue);
                if (!hasThreshold) _problems.Add($"{at}.threshold: a difference >= 0 is required for {kind.ToString().ToSnakeCase()}");
                defaultLabel = $"{kind.ToString().ToSnakeCase()} <= {threshold.ToString(ci)}";
                break;
            default:
                defaultLabel = kind.ToString().ToSnakeCase();
                break;
        }

        if (column is not null)
        {
            var t = column.Type;
            var needs = kind switch
            {
                ComparisonLevelKind.DateOneCharacter or ComparisonLevelKind.DateDayMonthSwap or ComparisonLevelKind.DateWithinDays => ColumnType.Date,
                ComparisonLevelKind.PostcodeArea or ComparisonLevelKind.PostcodeDistrict or ComparisonLevelKind.PostcodeSector => ColumnType.Postcode,
                ComparisonLevelKind.NumericAbsolute or ComparisonLevelKind.NumericRelative => ColumnType.Number,
                ComparisonLevelKind.TokenSet or ComparisonLevelKind.SoftTfidf or ComparisonLevelKind.MongeElkan => ColumnType.CompanyName,
                ComparisonLevelKind.Dice => ColumnType.BloomFilter,
                _ => (ColumnType?)null,
            };
            if (needs is not null && needs != t)
                _problems.Add($"{at}.type: {kind.ToString().ToSnakeCase()} needs a {needs.Value.ToString().ToSnakeCase()} column, '{column.Name}' is {t.ToString().ToSnakeCase()}");
        }

        var other = Str(l, "other_column", at);
        if (kind == ComparisonLevelKind.Swapped)
        {
            if (other is null) _problems.Add($"{at}.other_column: required for swapped");
            else RequireColumn(columns, other, at + ".other_column");
            defaultLabel = $"swapped with {other}";
        }
        else if (kind == ComparisonLevelKind.Exact && other is not null)
        {
            var otherColumn = RequireColumn(columns, other, at + ".other_column");
            if (otherColumn is not null && column is not null && (otherColumn.Type != column.Type || otherColumn.Standardiser != column.Standardiser))
                _problems.Add($"{at}.other_column: '{other}' must have the type and standardiser of '{column.Name}' to be compared with it");
            defaultLabel = $"exact with {other}";
        }
        else if (other is not null)
        {
            _problems.Add($"{at}.other_column: only swapped and exact levels take an other_column");
        }

        var tokenThreshold = Num(l, "token_threshold", at, ComparisonLevelConfig.DefaultTokenThreshold, 0, 1);
        if (kind != ComparisonLevelKind.SoftTfidf && l.TryGetProperty("token_threshold", out _))
            _problems.Add($"{at}.token_threshold: only soft_tfidf takes a token_threshold");
        else if (kind == ComparisonLevelKind.SoftTfidf && l.TryGetProperty("token_threshold", out _))
            defaultLabel += $" (tokens >= {tokenThreshold.ToString(ci)})";
        if (kind == ComparisonLevelKind.PayeReference && column is not null && column.Type is not (ColumnType.Text or ColumnType.Name))
            _problems.Add($"{at}.type: paye_reference needs a text column, '{column.Name}' is {column.Type.ToString().ToSnakeCase()}");

        var tf = Bool(l, "term_frequency", at, false);
        if (tf && kind != ComparisonLevelKind.Exact) _problems.Add($"{at}.term_frequency: only exact levels take a term-frequency adjustment");
        if (tf && other is not null) _problems.Add($"{at}.term_frequency: an exact level against other_column takes no term-frequency adjustment");
        return new ComparisonLevelConfig
        {
            Kind = kind, Threshold = threshold, OtherColumn = other, TermFrequency = tf, TokenThreshold = tokenThreshold,
            Label = Str(l, "label", at) ?? defaultLabel,
        };
    }

    private TermFrequencyConfig ParseTermFrequency(JsonElement root)
    {
        if (!root.TryGetProperty("term_frequency", out var t)) return new TermFrequencyConfig();
        CheckKnown(t, "term_frequency", "minimum_u", "weight", "source");
        return new TermFrequencyConfig
        {
            MinimumU = Num(t, "minimum_u", "term_frequency", 0, 0, 1),
            Weight = Num(t, "weight", "term_frequency", 1, 0, 10),
            Source = Str(t, "source", "term_frequency"),
        };
    }

    private TrainingConfig ParseTraining(JsonElement root, List<ColumnConfig> columns, List<ComparisonConfig> comparisons)
    {
        const string at = "training";
        if (!root.TryGetProperty(at, out var t))
        {
            _problems.Add("training: required (at least probability_two_random_records_match or deterministic_rules, and em_rounds for comparisons without m_probabilities)");
            return new TrainingConfig();
        }

        CheckKnown(t, at, "seed", "u_max_pairs", "probability_two_random_records_match", "deterministic_rules", "recall", "em_rounds");
        double? lambda = t.TryGetProperty("probability_two_random_records_match", out _)
            ? Num(t, "probability_two_random_records_match", at, 0.001, 1e-12, 1 - 1e-12) : null;
        var det = t.TryGetProperty("deterministic_rules", out var d) && d.ValueKind == JsonValueKind.Array
            ? ParseRules(d, at + ".deterministic_rules", columns) : [];
        if (lambda is null && det.Count == 0)
            _problems.Add("training: give probability_two_random_records_match or deterministic_rules (with recall)");
        var rounds = new List<EmRoundConfig>();
        if (t.TryGetProperty("em_rounds", out var er) && er.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var r in er.EnumerateArray())
            {
                var rat = $"{at}.em_rounds[{i++}]";
                if (r.ValueKind != JsonValueKind.Object) { _problems.Add($"{rat}: must be an object"); continue; }
                CheckKnown(r, rat, "blocking_rule", "max_iterations", "tolerance");
                if (!r.TryGetProperty("blocking_rule", out var b)) { _problems.Add($"{rat}.blocking_rule: required"); continue; }
                var rule = ParseRule(b, rat + ".blocking_rule", columns);
                if (rule is null) continue;
                rounds.Add(new EmRoundConfig
                {
                    BlockingRule = rule,
                    MaxIterations = (int)Num(r, "max_iterations", rat, 25, 1, 10000),
                    Tolerance = Num(r, "tolerance", rat, 1e-4, 1e-12, 1),
                });
            }
        }

        // Every comparison's m must come from somewhere: a hand-set value or at least one round in which it is free.
        foreach (var c in comparisons)
        {
            if (c.FixedM is not null) continue;
            var estimated = false;
            foreach (var r in rounds)
            {
                var used = false;
                foreach (var p in r.BlockingRule.Parts) used |= p.Column == c.Column;
                estimated |= !used;
            }

            if (!estimated)
                _problems.Add($"training.em_rounds: comparison '{c.Name}' is not estimated by any EM round (each round holds fixed the comparisons on its blocking columns) and has no m_probabilities");
        }

        return new TrainingConfig
        {
            Seed = (ulong)Num(t, "seed", at, 42, 0, 9.2e18),
            UMaxPairs = (long)Num(t, "u_max_pairs", at, 1e6, 1, 1e10),
            ProbabilityTwoRandomRecordsMatch = lambda,
            DeterministicRules = det,
            Recall = Num(t, "recall", at, 1, 1e-6, 1),
            EmRounds = rounds,
        };
    }

    private ResolutionConfig ParseResolution(JsonElement root, LinkType linkType)
    {
        var def = linkType == LinkType.LinkOnly ? ResolutionMethod.OneToOne : ResolutionMethod.Clusters;
        if (!root.TryGetProperty("resolution", out var r)) return new ResolutionConfig { Method = def };
        const string at = "resolution";
        CheckKnown(r, at, "method", "match_probability", "keep_probability", "register_posterior");
        var method = EnumValue(r, "method", at, def);
        if (linkType != LinkType.LinkOnly && method is ResolutionMethod.ManyToOne or ResolutionMethod.OneToOne)
            _problems.Add($"resolution.method: {method.ToString().ToSnakeCase()} needs link_type link_only");
        var match = Num(r, "match_probability", at, 0.9, 0, 1);
        var keep = Num(r, "keep_probability", at, Math.Min(0.01, match), 0, 1);
        if (keep > match) _problems.Add("resolution.keep_probability: must not exceed match_probability");
        RegisterPosteriorConfig? posterior = null;
        if (r.TryGetProperty("register_posterior", out var rp))
        {
            const string pat = "resolution.register_posterior";
            if (rp.ValueKind != JsonValueKind.Object) _problems.Add($"{pat}: must be an object, e.g. {{ \"prior\": \"estimate\" }}");
            else
            {
                CheckKnown(rp, pat, "prior", "max_iterations", "tolerance");
                if (method is not (ResolutionMethod.ManyToOne or ResolutionMethod.OneToOne))
                    _problems.Add($"{pat}: needs resolution.method many_to_one or one_to_one (a posterior over which right record, or none, for each left record)");
                double? prior = null;
                if (rp.TryGetProperty("prior", out var pv))
                {
                    if (pv.ValueKind == JsonValueKind.String && string.Equals(pv.GetString(), "estimate", StringComparison.OrdinalIgnoreCase)) prior = null;
                    else if (pv.ValueKind == JsonValueKind.Number) prior = Num(rp, "prior", pat, 0.9, 1e-9, 1 - 1e-9);
                    else _problems.Add($"{pat}.prior: must be \"estimate\" or a probability strictly between 0 and 1");
                }

                posterior = new RegisterPosteriorConfig
                {
                    Prior = prior,
                    MaxIterations = (int)Num(rp, "max_iterations", pat, 200, 1, 100000),
                    Tolerance = Num(rp, "tolerance", pat, 1e-7, 1e-15, 0.1),
                };
            }
        }

        return new ResolutionConfig { Method = method, MatchProbability = match, KeepProbability = keep, RegisterPosterior = posterior };
    }

    private OutputConfig ParseOutputs(JsonElement root)
    {
        if (!root.TryGetProperty("outputs", out var o)) return new OutputConfig();
        const string at = "outputs";
        CheckKnown(o, at, "formats", "write_pairs");
        var formats = new List<SourceFormat>();
        foreach (var f in StrList(o, "formats", at) ?? ["arrow"])
        {
            if (TryEnum<SourceFormat>(f, out var sf)) formats.Add(sf);
            else _problems.Add($"outputs.formats: '{f}' is not one of arrow, csv, parquet");
        }

        return new OutputConfig { Formats = formats, WritePairs = Bool(o, "write_pairs", at, false) };
    }

    private TruthConfig? ParseTruth(JsonElement root)
    {
        if (!root.TryGetProperty("truth", out var t)) return null;
        CheckKnown(t, "truth", "pairs", "cluster_column");
        var pairs = Str(t, "pairs", "truth");
        string? full = null;
        if (pairs is not null)
        {
            full = Path.GetFullPath(Path.Combine(_baseDirectory, pairs));
            if (RequireInputFiles && !File.Exists(full)) _problems.Add($"truth.pairs: file '{full}' does not exist");
        }

        var cluster = Str(t, "cluster_column", "truth");
        if (full is null && cluster is null) _problems.Add("truth: give pairs or cluster_column");
        return new TruthConfig { PairsPath = full, ClusterColumn = cluster };
    }

    private ColumnConfig? RequireColumn(List<ColumnConfig> columns, string name, string at)
    {
        foreach (var c in columns)
            if (c.Name == name) return c;
        _problems.Add($"{at}: '{name}' is not a job column (see columns)");
        return null;
    }

    private void CheckKnown(JsonElement e, string at, params string[] known)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        foreach (var p in e.EnumerateObject())
            if (Array.IndexOf(known, p.Name) < 0)
                _problems.Add($"{(at.Length == 0 ? "" : at + ".")}{p.Name}: unknown field (expected one of {string.Join(", ", known)})");
    }

    private string? Str(JsonElement e, string name, string at, bool required = false)
    {
        var path = at.Length == 0 ? name : $"{at}.{name}";
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) _problems.Add($"{path}: required");
            return null;
        }

        if (v.ValueKind != JsonValueKind.String) { _problems.Add($"{path}: must be a string"); return null; }
        return Substitute(v.GetString()!, path);
    }

    private string Substitute(string s, string path) => VariablePattern().Replace(s, m =>
    {
        var key = m.Groups[1].Value;
        if (key == "config_dir") return _baseDirectory;
        if (_variables is not null && _variables.TryGetValue(key, out var value)) return value;
        _problems.Add($"{path}: variable '${{{key}}}' has no value (pass it with --var {key}={(key == "data" ? "DIR" : "VALUE")})");
        return m.Value;
    });

    private List<string>? StrList(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.String) return [Substitute(v.GetString()!, $"{at}.{name}")];
        if (v.ValueKind != JsonValueKind.Array) { _problems.Add($"{at}.{name}: must be a list of strings"); return null; }
        var list = new List<string>();
        foreach (var x in v.EnumerateArray())
        {
            if (x.ValueKind == JsonValueKind.String) list.Add(Substitute(x.GetString()!, $"{at}.{name}"));
            else _problems.Add($"{at}.{name}: must be a list of strings");
        }

        return list;
    }

    private List<double>? NumList(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array) { _problems.Add($"{at}.{name}: must be a list of numbers"); return null; }
        var list = new List<double>();
        foreach (var x in v.EnumerateArray())
        {
            if (x.ValueKind == JsonValueKind.Number) list.Add(x.GetDouble());
            else _problems.Add($"{at}.{name}: must be a list of numbers");
        }

        return list;
    }

    private double Num(JsonElement e, string name, string at, double def, double min, double max)
    {
        var path = at.Length == 0 ? name : $"{at}.{name}";
        if (!e.TryGetProperty(name, out var v)) return def;
        if (v.ValueKind != JsonValueKind.Number) { _problems.Add($"{path}: must be a number"); return def; }
        var d = v.GetDouble();
        if (d < min || d > max)
        {
            _problems.Add($"{path}: {d.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            return def;
        }

        return d;
    }

    private bool Bool(JsonElement e, string name, string at, bool def)
    {
        if (!e.TryGetProperty(name, out var v)) return def;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        _problems.Add($"{at}.{name}: must be true or false");
        return def;
    }

    private T EnumValue<T>(JsonElement e, string name, string at, T def, bool required = false) where T : struct, Enum
    {
        var path = at.Length == 0 ? name : $"{at}.{name}";
        var s = Str(e, name, at, required);
        if (s is null) return def;
        if (TryEnum<T>(s, out var value)) return value;
        var options = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToSnakeCase()));
        _problems.Add($"{path}: '{s}' is not one of {options}");
        return def;
    }

    private static bool TryEnum<T>(string s, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(v.ToString().ToSnakeCase(), s, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }
}
