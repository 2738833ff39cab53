using Adrn.Linkage.Input;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;
using Adrn.Tables;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Adrn.Linkage.Panel;

/// <summary>
/// Builds <c>linked_panel</c>: one row per record of one input (e.g. payroll person-job-years) with a pseudonymous key of
/// the record and of the record it is linked to, the variables a <see cref="LinkedPanelDefinition"/> reads or derives from
/// either, and the link probability. What the panel holds is configuration (<c>examples/linked-panel.json</c> for the
/// synthetic study); every column it copies must be an attribute, and it carries no names, NINOs, dates of birth,
/// postcodes or source ids: only keyed pseudonyms and attributes (see docs/outputs.md, docs/privacy.md).
/// </summary>
public static class LinkedPanelBuilder
{
    private const int BatchRows = 1 << 16;

    /// <summary>The name of this research output in messages.</summary>
    public const string OutputName = "linked_panel";

    /// <summary>Joins records, links and linked records and writes the panel as an Arrow IPC file.</summary>
    /// <param name="options">Inputs, definition and pseudonymisation key.</param>
    /// <param name="outputPath">The <c>.arrow</c> file to write (replaced atomically).</param>
    /// <returns>Row counts.</returns>
    /// <exception cref="InvalidDataException">A required column or value is missing, or a link file has neither known layout.</exception>
    /// <exception cref="DisclosureRiskException">A column the panel would carry is not an attribute (checked before any file is read).</exception>
    public static LinkedPanelSummary Build(LinkedPanelOptions options, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var schema = CheckedSchema(options);
        var definition = options.Definition;

        var records = ReadRequired(options.RecordsPath, Columns(definition, definition.Records, options.RecordAttributes));
        var linked = ReadRequired(options.LinkedPath, Columns(definition, definition.Linked, options.LinkedAttributes));
        var linkedRow = IndexById(linked.Column(definition.Linked.IdColumn));
        var recordRow = IndexById(records.Column(definition.Records.IdColumn));
        var (linkedOf, linkProbability, unknown) = ReadLinks(options, recordRow, linkedRow, records.RowCount);

        var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = outputPath + ".tmp";
        long linkedRows = 0;
        using (var writer = TableWriter.Create(tmp, TableFormat.Arrow, schema, new TableWriterOptions { Atomic = false }))
        {
            var linkedKeys = new string?[linked.RowCount];
            for (var start = 0; start < records.RowCount || start == 0; start += BatchRows)
            {
                var n = Math.Min(BatchRows, records.RowCount - start);
                using var batch = BuildBatch(records, linked, options, schema, linkedOf, linkProbability, linkedKeys, start, n, ref linkedRows);
                writer.Write(batch);
                if (records.RowCount == 0) break;
            }

            writer.Complete();
        }

        File.Move(tmp, outputPath, overwrite: true);
        return new LinkedPanelSummary(Path.GetFullPath(outputPath), records.RowCount, linkedRows, unknown);
    }

    /// <summary>
    /// The panel's schema for these options, after refusing every column it would carry that is not an attribute (or a
    /// year or age coarsened from a quasi-identifier) and every output name that would clash: all problems at once, before
    /// any file is touched. Columns carry their description (the definition's labels) as field metadata.
    /// </summary>
    /// <param name="options">The request.</param>
    /// <returns>The keys, the definition's variables, the probability, then the requested attributes (text).</returns>
    /// <exception cref="DisclosureRiskException">A column is a direct or quasi-identifier, or unclassified.</exception>
    /// <exception cref="ArgumentException">A requested column is repeated or clashes with a panel column.</exception>
    public static Schema CheckedSchema(LinkedPanelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var definition = options.Definition;
        var problems = new List<string>();
        foreach (var v in definition.Variables)
        {
            var source = definition.SourceOf(v);
            problems.AddRange(ResearchOutputPolicy.CheckVariable(OutputName, source.Name, v.Derive, v.Column, v.With, c => ClassOf(options, source, c)));
        }

        problems.AddRange(ResearchOutputPolicy.Check(OutputName, definition.Records.Name, options.RecordAttributes, Classes(options, definition.Records)));
        problems.AddRange(ResearchOutputPolicy.Check(OutputName, definition.Linked.Name, options.LinkedAttributes, Classes(options, definition.Linked)));
        if (problems.Count > 0) throw new DisclosureRiskException(OutputName, problems);

        var builder = new Schema.Builder();
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name, IArrowType type, bool nullable, string label)
        {
            if (!names.Add(name))
                throw new ArgumentException($"requested attribute '{name}' repeats or clashes with a {OutputName} column; the panel already has: {string.Join(", ", names)}", nameof(options));
            builder.Field(new Field(name, type, nullable, label.Length == 0 ? null : new Dictionary<string, string> { [Adrn.Tables.TableSchema.DescriptionKey] = label }));
        }

        Add(definition.Records.KeyName, StringType.Default, false, definition.Records.KeyLabel);
        Add(definition.Linked.KeyName, StringType.Default, true, definition.Linked.KeyLabel);
        foreach (var v in definition.Variables) Add(v.Name, ArrowType(v.Type), !v.Required, v.Label);
        Add(definition.ProbabilityName, DoubleType.Default, true, definition.ProbabilityLabel);
        foreach (var name in ExtraNames(options)) Add(name, StringType.Default, true, string.Empty);
        return builder.Build();
    }

    private static IArrowType ArrowType(VariableType type) => type switch
    {
        VariableType.Int32 => Int32Type.Default,
        VariableType.Double => DoubleType.Default,
        _ => StringType.Default,
    };

    /// <summary>The class of a column of an input: the caller's, else the definition's, else the one its name implies.</summary>
    private static DataClassification? ClassOf(LinkedPanelOptions options, PanelSource source, string column) =>
        options.Classifications.TryGetValue(column, out var c) ? c
        : source.Classifications.TryGetValue(column, out var d) ? d
        : ColumnClassifications.KnownFileColumn(column);

    private static Dictionary<string, DataClassification> Classes(LinkedPanelOptions options, PanelSource source)
    {
        var classes = new Dictionary<string, DataClassification>(source.Classifications, StringComparer.Ordinal);
        foreach (var (column, c) in options.Classifications) classes[column] = c;
        return classes;
    }

    private static IEnumerable<string> ExtraNames(LinkedPanelOptions options) =>
        options.RecordAttributes.Concat(options.LinkedAttributes.Select(c => options.Definition.Linked.KeyDomain + "_" + c));

    /// <summary>The columns read from an input: its id and key columns, the columns its variables read, and the attributes asked for.</summary>
    private static string[] Columns(LinkedPanelDefinition definition, PanelSource source, IEnumerable<string> attributes) =>
    [
        .. new[] { source.IdColumn, source.KeyColumn }
            .Concat(definition.Variables.Where(v => definition.SourceOf(v) == source).SelectMany(v => v.With is null ? new[] { v.Column } : [v.Column, v.With]))
            .Concat(attributes)
            .Distinct(StringComparer.Ordinal),
    ];

    private static RecordBatch BuildBatch(TextTable records, TextTable linked, LinkedPanelOptions options, Schema schema, int[] linkedOf, double[] probability,
        string?[] linkedKeys, int start, int n, ref long linkedRows)
    {
        var key = options.Key;
        var definition = options.Definition;
        var recordKeys = records.Column(definition.Records.KeyColumn);
        var linkedKeyValues = linked.Column(definition.Linked.KeyColumn);
        var variables = definition.Variables.Select(v =>
        {
            var table = definition.SourceOf(v) == definition.Records ? records : linked;
            return (Variable: v, OfRecord: table == records, Values: table.Column(v.Column), With: v.With is null ? null : table.Column(v.With), Builder: new PanelColumnBuilder(v.Type));
        }).ToArray();
        var extraRecord = options.RecordAttributes.Select(records.Column).ToArray();
        var extraLinked = options.LinkedAttributes.Select(linked.Column).ToArray();
        var extraRecordB = extraRecord.Select(_ => new PanelColumnBuilder(VariableType.Text)).ToArray();
        var extraLinkedB = extraLinked.Select(_ => new PanelColumnBuilder(VariableType.Text)).ToArray();
        var recordKeyB = new StringArray.Builder();
        var linkedKeyB = new StringArray.Builder();
        var probB = new DoubleArray.Builder();

        for (var i = start; i < start + n; i++)
        {
            recordKeyB.Append(key.Pseudonymise(definition.Records.KeyDomain, recordKeys[i] ?? throw Missing(definition.Records, definition.Records.KeyColumn, i)));
            var row = linkedOf[i];
            foreach (var (v, ofRecord, values, with, builder) in variables)
            {
                var at = ofRecord ? i : row;
                if (at < 0)
                {
                    builder.AppendNull();
                    continue;
                }

                if (v.Required && values[at] is null) throw Missing(definition.SourceOf(v), v.Column, at);
                if (v.Derive == VariableDerivation.Copy) builder.AppendText(values[at]);
                else builder.AppendNumber(VariableDerivations.Number(v.Derive, values[at], with?[at]));
            }

            for (var c = 0; c < extraRecord.Length; c++) extraRecordB[c].AppendText(extraRecord[c][i]);
            if (row < 0)
            {
                linkedKeyB.AppendNull();
                probB.AppendNull();
                foreach (var builder in extraLinkedB) builder.AppendNull();
                continue;
            }

            linkedRows++;
            linkedKeys[row] ??= key.Pseudonymise(definition.Linked.KeyDomain, linkedKeyValues[row] ?? throw Missing(definition.Linked, definition.Linked.KeyColumn, row));
            linkedKeyB.Append(linkedKeys[row]);
            probB.Append(probability[i]);
            for (var c = 0; c < extraLinked.Length; c++) extraLinkedB[c].AppendText(extraLinked[c][row]);
        }

        var arrays = new List<IArrowArray> { recordKeyB.Build(), linkedKeyB.Build() };
        arrays.AddRange(variables.Select(v => v.Builder.Build()));
        arrays.Add(probB.Build());
        arrays.AddRange(extraRecordB.Select(b => b.Build()));
        arrays.AddRange(extraLinkedB.Select(b => b.Build()));
        return new RecordBatch(schema, arrays, n);
    }

    private static (int[] Linked, double[] Probability, long Unknown) ReadLinks(
        LinkedPanelOptions options, Dictionary<string, int> recordRow, Dictionary<string, int> linkedRow, int recordRows)
    {
        var path = options.LinksPath;
        var (recordId, linkedId) = (options.Definition.Records.IdColumn, options.Definition.Linked.IdColumn);
        var names = ReadHeader(path);
        string left, right;
        string? prob = null;
        if (names.Contains("id_l") && names.Contains("id_r"))
        {
            (left, right) = ("id_l", "id_r");
            if (names.Contains("resolved_probability")) prob = "resolved_probability";
            else if (names.Contains("match_probability")) prob = "match_probability";
        }
        else if (names.Contains(recordId) && names.Contains(linkedId))
        {
            (left, right) = (recordId, linkedId);
        }
        else
        {
            throw new InvalidDataException(
                $"{path}: a links file needs columns id_l,id_r[,match_probability] (an adrn link output) or {recordId},{linkedId} (a truth file); found {string.Join(",", names)}.");
        }

        var columns = prob is null ? new[] { left, right } : new[] { left, right, prob };
        var links = SourceReader.Read(path, SourceReader.FormatOf(path), columns);
        var l = links.Column(left);
        var rgt = links.Column(right);
        var p = prob is null ? null : links.Column(prob);

        var linked = new int[recordRows];
        System.Array.Fill(linked, -1);
        var probability = new double[recordRows];
        long unknown = 0;
        for (var i = 0; i < links.RowCount; i++)
        {
            var a = l[i];
            var b = rgt[i];
            if (a is null || b is null)
            {
                unknown++;
                continue;
            }

            // Links may name the record on either side, depending on the job's source order.
            int rec, other;
            if (recordRow.TryGetValue(a, out rec) && linkedRow.TryGetValue(b, out other)) { }
            else if (recordRow.TryGetValue(b, out rec) && linkedRow.TryGetValue(a, out other)) { }
            else
            {
                unknown++;
                continue;
            }

            var pr = p is null ? 1.0 : VariableDerivations.ParseNumber(p[i]) ?? 0.0;
            if (pr < options.MinimumProbability) continue;
            // Many-to-one resolution gives one link per record; if a file has several, keep the most
            // probable (ties: the first linked row, so the result does not depend on file order).
            if (linked[rec] < 0 || pr > probability[rec] || (pr == probability[rec] && other < linked[rec]))
            {
                linked[rec] = other;
                probability[rec] = pr;
            }
        }

        return (linked, probability, unknown);
    }

    private static IReadOnlyList<string> ReadHeader(string path) => SourceReader.ReadHeader(path, SourceReader.FormatOf(path));

    private static TextTable ReadRequired(string path, string[] columns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        var names = ReadHeader(path);
        var missing = columns.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{path}: missing column(s) {string.Join(", ", missing)} needed for the linked panel.");
        return SourceReader.Read(path, SourceReader.FormatOf(path), columns);
    }

    private static Dictionary<string, int> IndexById(string?[] ids)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is { } id) index.TryAdd(id, i);
        }

        return index;
    }

    private static InvalidDataException Missing(PanelSource source, string column, int row) =>
        new($"{source.Name} row {row + 1}: column {column} is empty; the linked panel needs it on every row.");
}
