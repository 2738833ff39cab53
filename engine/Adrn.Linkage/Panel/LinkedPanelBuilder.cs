using System.Globalization;
using Adrn.Linkage.Input;
using Adrn.Linkage.Privacy;
using Adrn.Tables;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Adrn.Linkage.Panel;

/// <summary>
/// Builds <c>linked_panel</c>: one row per payroll record (employee-year) with pseudonymous person and
/// employer keys, the employee's attributes, the linked employer's attributes and the link probability.
/// It carries no names, NINOs, dates of birth, postcodes, PAYE references or source ids: only keyed
/// pseudonyms and attributes (see docs/outputs.md).
/// </summary>
public static class LinkedPanelBuilder
{
    private const int BatchRows = 1 << 16;

    private static readonly string[] EmployeeColumns =
        ["record_id", "person_id", "year", "sex", "date_of_birth", "soc_major", "qualification_level", "hours", "annual_pay"];

    private static readonly string[] EmployerColumns =
        ["employer_id", "sic_section", "sic_division", "itl1", "birth_year", "employment", "turnover", "gva", "exporter", "foreign_owned", "investment", "management_score"];

    /// <summary>The name of this research output in messages.</summary>
    public const string OutputName = "linked_panel";

    /// <summary>The panel's standard columns, in order, with their Arrow types (requested attributes follow as text).</summary>
    public static Schema Schema { get; } = Output.ColumnDescriptions.Describe(new Schema.Builder()
        .Field(f => f.Name("person_key").DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name("employer_key").DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name("year").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("sex").DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name("birth_year").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("age").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("soc_major").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("qualification_level").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("hours").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("annual_pay").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("log_pay").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("sic_section").DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name("sic_division").DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name("itl1").DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name("employer_birth_year").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("employment").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("turnover").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("gva").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("log_gva_per_worker").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("exporter").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("foreign_owned").DataType(Int32Type.Default).Nullable(true))
        .Field(f => f.Name("investment").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("log_investment_per_worker").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("management_score").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("link_probability").DataType(DoubleType.Default).Nullable(true))
        .Build());

    /// <summary>Joins payroll, links and register and writes the panel as an Arrow IPC file.</summary>
    /// <param name="options">Inputs and pseudonymisation key.</param>
    /// <param name="outputPath">The <c>.arrow</c> file to write (replaced atomically).</param>
    /// <returns>Row counts.</returns>
    /// <exception cref="InvalidDataException">A required column is missing, or a link file has neither known layout.</exception>
    /// <exception cref="DisclosureRiskException">A requested extra column is not an attribute (checked before any file is read).</exception>
    public static LinkedPanelSummary Build(LinkedPanelOptions options, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var schema = CheckedSchema(options);

        var employees = ReadRequired(options.EmployeesPath, [.. EmployeeColumns.Union(options.EmployeeAttributes, StringComparer.Ordinal)]);
        var employers = ReadRequired(options.EmployersPath, [.. EmployerColumns.Union(options.EmployerAttributes, StringComparer.Ordinal)]);
        var employerRow = IndexById(employers.Column("employer_id"));
        var recordRow = IndexById(employees.Column("record_id"));
        var (linkedEmployer, linkProbability, unknown) = ReadLinks(options, recordRow, employerRow, employees.RowCount);

        var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = outputPath + ".tmp";
        long linkedRows = 0;
        using (var writer = TableWriter.Create(tmp, TableFormat.Arrow, schema, new TableWriterOptions { Atomic = false }))
        {
            var employerKeys = new string?[employers.RowCount];
            for (var start = 0; start < employees.RowCount || start == 0; start += BatchRows)
            {
                var n = Math.Min(BatchRows, employees.RowCount - start);
                using var batch = BuildBatch(employees, employers, options, schema, linkedEmployer, linkProbability, employerKeys, start, n, ref linkedRows);
                writer.Write(batch);
                if (employees.RowCount == 0) break;
            }

            writer.Complete();
        }

        File.Move(tmp, outputPath, overwrite: true);
        return new LinkedPanelSummary(Path.GetFullPath(outputPath), employees.RowCount, linkedRows, unknown);
    }

    /// <summary>
    /// The panel's schema for these options, after refusing every requested column that is not an attribute or
    /// whose output name would clash: all problems at once, before any file is touched.
    /// </summary>
    /// <param name="options">The request.</param>
    /// <returns>Standard columns followed by the requested attributes (text).</returns>
    /// <exception cref="DisclosureRiskException">A requested column is a direct or quasi-identifier, or unclassified.</exception>
    /// <exception cref="ArgumentException">A requested column is repeated or clashes with a panel column.</exception>
    public static Schema CheckedSchema(LinkedPanelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        problems.AddRange(ResearchOutputPolicy.Check(OutputName, "payroll", options.EmployeeAttributes, options.Classifications));
        problems.AddRange(ResearchOutputPolicy.Check(OutputName, "register", options.EmployerAttributes, options.Classifications));
        if (problems.Count > 0) throw new DisclosureRiskException(OutputName, problems);

        var builder = new Schema.Builder();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in Schema.FieldsList)
        {
            builder.Field(field);
            names.Add(field.Name);
        }

        foreach (var name in ExtraNames(options))
        {
            if (!names.Add(name))
                throw new ArgumentException($"requested attribute '{name}' repeats or clashes with a {OutputName} column; the panel already has: {string.Join(", ", names)}", nameof(options));
            builder.Field(f => f.Name(name).DataType(StringType.Default).Nullable(true));
        }

        return builder.Build();
    }

    private static IEnumerable<string> ExtraNames(LinkedPanelOptions options) =>
        options.EmployeeAttributes.Concat(options.EmployerAttributes.Select(c => "employer_" + c));

    private static RecordBatch BuildBatch(TextTable e, TextTable r, LinkedPanelOptions options, Schema schema, int[] linkedEmployer, double[] probability,
        string?[] employerKeys, int start, int n, ref long linkedRows)
    {
        var key = options.Key;
        var extraEmployee = options.EmployeeAttributes.Select(e.Column).ToArray();
        var extraEmployer = options.EmployerAttributes.Select(r.Column).ToArray();
        var extraEmployeeB = extraEmployee.Select(_ => new StringArray.Builder()).ToArray();
        var extraEmployerB = extraEmployer.Select(_ => new StringArray.Builder()).ToArray();
        var personId = e.Column("person_id");
        var year = e.Column("year");
        var sex = e.Column("sex");
        var dob = e.Column("date_of_birth");
        var soc = e.Column("soc_major");
        var qual = e.Column("qualification_level");
        var hours = e.Column("hours");
        var pay = e.Column("annual_pay");
        var employerIds = r.Column("employer_id");

        var personKeyB = new StringArray.Builder();
        var employerKeyB = new StringArray.Builder();
        var yearB = new Int32Array.Builder();
        var sexB = new StringArray.Builder();
        var birthYearB = new Int32Array.Builder();
        var ageB = new Int32Array.Builder();
        var socB = new Int32Array.Builder();
        var qualB = new Int32Array.Builder();
        var hoursB = new DoubleArray.Builder();
        var payB = new DoubleArray.Builder();
        var logPayB = new DoubleArray.Builder();
        var employer = new EmployerColumnBuilders(r);
        var probB = new DoubleArray.Builder();

        for (var i = start; i < start + n; i++)
        {
            personKeyB.Append(key.Pseudonymise("person", personId[i] ?? throw Missing(e, "person_id", i)));
            var y = ParseInt(year[i]) ?? throw Missing(e, "year", i);
            yearB.Append(y);
            AppendString(sexB, sex[i]);
            int? birthYear = dob[i] is { Length: >= 4 } d && int.TryParse(d.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var by) ? by : null;
            AppendInt(birthYearB, birthYear);
            AppendInt(ageB, birthYear is { } b ? y - b : null);
            AppendInt(socB, ParseInt(soc[i]));
            AppendInt(qualB, ParseInt(qual[i]));
            AppendDouble(hoursB, ParseDouble(hours[i]));
            var p = ParseDouble(pay[i]);
            AppendDouble(payB, p);
            AppendDouble(logPayB, p > 0 ? Math.Log(p.Value) : null);
            for (var c = 0; c < extraEmployee.Length; c++) AppendString(extraEmployeeB[c], extraEmployee[c][i]);

            var row = linkedEmployer[i];
            if (row < 0)
            {
                employerKeyB.AppendNull();
                employer.AppendNull();
                probB.AppendNull();
                foreach (var builder in extraEmployerB) builder.AppendNull();
                continue;
            }

            linkedRows++;
            employerKeys[row] ??= key.Pseudonymise("employer", employerIds[row]!);
            employerKeyB.Append(employerKeys[row]);
            employer.Append(row);
            probB.Append(probability[i]);
            for (var c = 0; c < extraEmployer.Length; c++) AppendString(extraEmployerB[c], extraEmployer[c][row]);
        }

        var arrays = new List<IArrowArray>
        {
            personKeyB.Build(), employerKeyB.Build(), yearB.Build(), sexB.Build(), birthYearB.Build(), ageB.Build(),
            socB.Build(), qualB.Build(), hoursB.Build(), payB.Build(), logPayB.Build(),
        };
        arrays.AddRange(employer.Build());
        arrays.Add(probB.Build());
        foreach (var b in extraEmployeeB) arrays.Add(b.Build());
        foreach (var b in extraEmployerB) arrays.Add(b.Build());
        return new RecordBatch(schema, arrays, n);
    }

    private static (int[] Employer, double[] Probability, long Unknown) ReadLinks(
        LinkedPanelOptions options, Dictionary<string, int> recordRow, Dictionary<string, int> employerRow, int employeeRows)
    {
        var path = options.LinksPath;
        var names = ReadHeader(path);
        string left, right;
        string? prob = null;
        if (names.Contains("id_l") && names.Contains("id_r"))
        {
            (left, right) = ("id_l", "id_r");
            if (names.Contains("resolved_probability")) prob = "resolved_probability";
            else if (names.Contains("match_probability")) prob = "match_probability";
        }
        else if (names.Contains("record_id") && names.Contains("employer_id"))
        {
            (left, right) = ("record_id", "employer_id");
        }
        else
        {
            throw new InvalidDataException(
                $"{path}: a links file needs columns id_l,id_r[,match_probability] (an adrn link output) or record_id,employer_id (a truth file); found {string.Join(",", names)}.");
        }

        var columns = prob is null ? new[] { left, right } : new[] { left, right, prob };
        var links = SourceReader.Read(path, SourceReader.FormatOf(path), columns);
        var l = links.Column(left);
        var rgt = links.Column(right);
        var p = prob is null ? null : links.Column(prob);

        var employer = new int[employeeRows];
        System.Array.Fill(employer, -1);
        var probability = new double[employeeRows];
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

            // Links may name the payroll record on either side, depending on the job's source order.
            int rec, emp;
            if (recordRow.TryGetValue(a, out rec) && employerRow.TryGetValue(b, out emp)) { }
            else if (recordRow.TryGetValue(b, out rec) && employerRow.TryGetValue(a, out emp)) { }
            else
            {
                unknown++;
                continue;
            }

            var pr = p is null ? 1.0 : ParseDouble(p[i]) ?? 0.0;
            if (pr < options.MinimumProbability) continue;
            // Many-to-one resolution gives one link per record; if a file has several, keep the most
            // probable (ties: the first employer row, so the result does not depend on file order).
            if (employer[rec] < 0 || pr > probability[rec] || (pr == probability[rec] && emp < employer[rec]))
            {
                employer[rec] = emp;
                probability[rec] = pr;
            }
        }

        return (employer, probability, unknown);
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

    private static InvalidDataException Missing(TextTable table, string column, int row) =>
        new($"row {row + 1}: column {column} is empty; the linked panel needs it on every payroll row.");

    internal static int? ParseInt(string? s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    internal static double? ParseDouble(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    internal static void AppendString(StringArray.Builder b, string? s)
    {
        if (s is null) b.AppendNull();
        else b.Append(s);
    }

    internal static void AppendInt(Int32Array.Builder b, int? v)
    {
        if (v is { } x) b.Append(x);
        else b.AppendNull();
    }

    internal static void AppendDouble(DoubleArray.Builder b, double? v)
    {
        if (v is { } x && double.IsFinite(x)) b.Append(x);
        else b.AppendNull();
    }
}
