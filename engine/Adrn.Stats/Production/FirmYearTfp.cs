using System.Globalization;
using System.Text;
using Adrn.Stats.Data;
using Apache.Arrow;

namespace Adrn.Stats.Production;

/// <summary>
/// Firm-year total factor productivity from a fitted production function: <c>log_tfp</c> = log output minus
/// the fitted input terms (ω + ε plus the level, for every method) and <c>omega</c> = Φ minus the fitted input
/// terms (ω without the output shock; control-function methods only, NaN for OLS). One row per firm-year of
/// the estimation panel, keyed by the firm and year columns of the input, so it joins back onto the panel
/// (<see cref="AppendTo"/>). This is record-level data for use inside the secure environment, not an output
/// to release: summarise it (dispersion, regressions) and check those outputs.
/// </summary>
public sealed class FirmYearTfp
{
    internal FirmYearTfp(string firmColumn, string yearColumn, string[] firm, int[] year, double[] logTfp, double[] omega)
    {
        FirmColumn = firmColumn;
        YearColumn = yearColumn;
        Firm = firm;
        Year = year;
        LogTfp = logTfp;
        Omega = omega;
    }

    /// <summary>Name of the firm column (as in the input).</summary>
    public string FirmColumn { get; }

    /// <summary>Name of the year column (as in the input).</summary>
    public string YearColumn { get; }

    /// <summary>Firm per row.</summary>
    public IReadOnlyList<string> Firm { get; }

    /// <summary>Year per row.</summary>
    public IReadOnlyList<int> Year { get; }

    /// <summary>log TFP including the output shock.</summary>
    public IReadOnlyList<double> LogTfp { get; }

    /// <summary>log TFP without the output shock (NaN for OLS).</summary>
    public IReadOnlyList<double> Omega { get; }

    /// <summary>Rows.</summary>
    public int Rows => Year.Count;

    /// <summary>The table as regression data (columns: firm, year, <c>log_tfp</c>, <c>omega</c>).</summary>
    public RegressionData ToData() => RegressionData.FromArrays(new Dictionary<string, System.Array>
    {
        [FirmColumn] = Firm.ToArray(),
        [YearColumn] = Year.ToArray(),
        ["log_tfp"] = LogTfp.ToArray(),
        ["omega"] = Omega.ToArray(),
    });

    /// <summary>
    /// <paramref name="panel"/> with <c>log_tfp</c> and <c>omega</c> appended, matched on the firm and year columns
    /// (NaN where the panel row was not in the estimation sample).
    /// </summary>
    /// <param name="panel">A firm-year table with the same firm and year columns.</param>
    /// <exception cref="ArgumentException">The panel already has a <c>log_tfp</c> or <c>omega</c> column.</exception>
    public RegressionData AppendTo(IRegressionData panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        foreach (var name in new[] { "log_tfp", "omega" })
            if (panel.ColumnNames.Contains(name)) throw new ArgumentException($"The panel already has a '{name}' column.", nameof(panel));
        var index = new Dictionary<(string, int), int>();
        for (var i = 0; i < Rows; i++) index[(Firm[i], Year[i])] = i;
        var firms = panel.GetColumn(FirmColumn);
        var years = new double[panel.RowCount];
        panel.GetColumn(YearColumn).CopyNumeric(years);
        var tfp = new double[panel.RowCount];
        var omega = new double[panel.RowCount];
        for (var r = 0; r < panel.RowCount; r++)
        {
            var firm = firms.GetLabel(r);
            var found = firm is not null && double.IsFinite(years[r]) && index.TryGetValue((firm, (int)years[r]), out var i) ? i : -1;
            tfp[r] = found >= 0 ? LogTfp[found] : double.NaN;
            omega[r] = found >= 0 ? Omega[found] : double.NaN;
        }

        var added = RegressionData.FromArrays(new Dictionary<string, System.Array> { ["log_tfp"] = tfp, ["omega"] = omega });
        return RegressionData.FromColumns(panel.ColumnNames.Select(panel.GetColumn).Concat([added.GetColumn("log_tfp"), added.GetColumn("omega")]));
    }

    /// <summary>Writes the table as CSV (<c>.csv</c>) or an Arrow IPC file (<c>.arrow</c>), by extension.</summary>
    /// <param name="path">The file; its folder is created if needed.</param>
    /// <exception cref="ArgumentException">Another extension.</exception>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var ext = Path.GetExtension(path).ToUpperInvariant();
        if (ext is not (".CSV" or ".ARROW"))
            throw new ArgumentException($"{path}: write TFP as .csv or .arrow.", nameof(path));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        if (ext == ".CSV") WriteCsv(path);
        else WriteArrow(path);
    }

    private void WriteCsv(string path)
    {
        static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        static string Number(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine($"{Quote(FirmColumn)},{Quote(YearColumn)},log_tfp,omega");
        for (var i = 0; i < Rows; i++)
            writer.WriteLine($"{Quote(Firm[i])},{Year[i].ToString(CultureInfo.InvariantCulture)},{Number(LogTfp[i])},{Number(Omega[i])}");
    }

    private void WriteArrow(string path)
    {
        var firm = new StringArray.Builder();
        var year = new Int32Array.Builder();
        var tfp = new DoubleArray.Builder();
        var omega = new DoubleArray.Builder();
        for (var i = 0; i < Rows; i++)
        {
            firm.Append(Firm[i]);
            year.Append(Year[i]);
            tfp.Append(LogTfp[i]);
            if (double.IsNaN(Omega[i])) omega.AppendNull();
            else omega.Append(Omega[i]);
        }

        using var batch = new RecordBatch.Builder()
            .Append(FirmColumn, false, firm.Build())
            .Append(YearColumn, false, year.Build())
            .Append("log_tfp", false, tfp.Build())
            .Append("omega", true, omega.Build())
            .Build();
        using var writer = Adrn.Tables.TableWriter.Create(path, Adrn.Tables.TableFormat.Arrow, batch.Schema, new Adrn.Tables.TableWriterOptions { Atomic = false });
        writer.Write(batch);
        writer.Complete();
    }
}
