using System.Globalization;
using Adrn.Notebooks.Analyses;
using Adrn.Notebooks.Data;
using Microsoft.Data.Analysis;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// The notebook libraries on a tiny synthetic population, checked against the generator's own CSV
/// files and documented invariants (docs/synthetic-data.md), not against our own outputs.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class LibraryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adrn-nb-lib-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SyntheticStudy Study() => SyntheticStudy.Open(new StudySettings { Employers = 120, Employees = 1_800, Cohort = 100, Years = 3, Seed = 11, WorkDirectory = _dir });

    [Fact]
    public void Arrow_loader_reads_dates_as_DateTime_and_text_and_numbers_as_the_generator_wrote_them_to_CSV()
    {
        var study = Study();
        var frame = ArrowFrames.Load(study.EmployeesPath);
        Assert.IsType<DateTimeDataFrameColumn>(frame.Columns["date_of_birth"]);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["record_id"]);
        var csv = File.ReadLines(Path.Combine(study.DataDirectory, "employees.csv")).Skip(1).Take(50).Select(l => l.Split(',')).ToList();
        // Columns of employees.csv: record_id(0) ... date_of_birth(5) ... annual_pay(14), year(15); none of these is quoted.
        for (var i = 0; i < csv.Count; i++)
        {
            Assert.Equal(csv[i][0], (string)frame.Columns["record_id"][i]);
            Assert.Equal(csv[i][5], ((DateTime)frame.Columns["date_of_birth"][i]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(double.Parse(csv[i][14], CultureInfo.InvariantCulture), Convert.ToDouble(frame.Columns["annual_pay"][i], CultureInfo.InvariantCulture));
            Assert.Equal(int.Parse(csv[i][15], CultureInfo.InvariantCulture), Convert.ToInt32(frame.Columns["year"][i], CultureInfo.InvariantCulture));
        }

        Assert.Equal(File.ReadLines(Path.Combine(study.DataDirectory, "employees.csv")).Count() - 1, frame.Rows.Count);
    }

    [Fact]
    public void Firm_panel_on_true_links_counts_as_many_workers_per_firm_as_the_register_employment()
    {
        // docs/synthetic-data.md: a firm's employment equals its workers in the payroll in every year.
        var study = Study();
        var firms = FirmPanel.FromLinkedPanel(study.TrueLinkedPanel().Path);
        var workers = firms.FirmValues("workers");
        var logEmployment = firms.FirmValues("log_employment");
        Assert.Equal(120, firms.FirmCount);
        for (var i = 0; i < firms.FirmCount; i++) Assert.Equal(Math.Exp(logEmployment[i]), workers[i], 6);
        var shares = firms.FirmValues("share_female");
        Assert.All(shares, s => Assert.InRange(s, 0, 1));
        Assert.Equal(1.0, firms.FirmValues("mean_link_probability").Min(), 12);
    }

    [Fact]
    public void Study_settings_come_from_the_environment_and_reject_malformed_sizes()
    {
        try
        {
            Environment.SetEnvironmentVariable("ADRN_STUDY_EMPLOYERS", "321");
            Environment.SetEnvironmentVariable("ADRN_STUDY_COHORT", null);
            var settings = StudySettings.FromEnvironment();
            Assert.Equal(321, settings.Employers);
            Assert.Equal(new StudySettings().Cohort, settings.Cohort);
            Environment.SetEnvironmentVariable("ADRN_STUDY_EMPLOYERS", "-5");
            var error = Assert.Throws<FormatException>(StudySettings.FromEnvironment);
            Assert.Contains("ADRN_STUDY_EMPLOYERS", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ADRN_STUDY_EMPLOYERS", null);
        }
    }
}
