using Adrn.Learning.Labels;

namespace Adrn.Learning.Tests;

/// <summary>Labels files are validated row by row; every problem is reported with file, line and ids, nothing is skipped.</summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class PairLabelFileSpec(SyntheticJobs jobs)
{
    private RecordLookup Lookup => jobs.EmployeeEmployer.Lookup;

    private string Employee(int i) => jobs.EmployeeEmployer.Prepared.Records.Ids[i];

    private string Employer(int i) => jobs.EmployeeEmployer.Prepared.Records.Ids[jobs.EmployeeEmployer.Prepared.Records.SourceStart[1] + i];

    private static PairLabelFileException Fails(string csv, RecordLookup lookup) =>
        Assert.Throws<PairLabelFileException>(() => PairLabelFile.Read(new StringReader(csv), "labels.csv", lookup));

    [Fact]
    public void Valid_file_gives_one_label_per_row_with_record_indices()
    {
        var csv = $"id_l,id_r,label,note\n{Employee(0)},{Employer(0)},1,x\n\"{Employee(1)}\",{Employer(2)},non_match,\"a, b\"\n";

        var labels = PairLabelFile.Read(new StringReader(csv), "labels.csv", Lookup);

        Assert.Equal(2, labels.Count);
        Assert.Equal(new PairLabel(0, jobs.EmployeeEmployer.Prepared.Records.SourceStart[1], true), labels[0]);
        Assert.False(labels[1].IsMatch);
    }

    [Fact]
    public void Unknown_ids_are_listed_with_file_line_and_ids()
    {
        var csv = $"id_l,id_r,label\n{Employee(0)},{Employer(0)},1\nE_NOPE,{Employer(1)},0\n{Employee(2)},EMPLOYER_NOPE,1\n{Employer(3)},{Employee(3)},1\n";

        var ex = Fails(csv, Lookup);

        Assert.Equal([3, 4, 5, 5], ex.Problems.Select(p => p.Line));
        Assert.Equal((3, "E_NOPE"), (ex.Problems[0].Line, ex.Problems[0].IdLeft));
        Assert.Contains("unknown id_l", ex.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal((4, "EMPLOYER_NOPE"), (ex.Problems[1].Line, ex.Problems[1].IdRight));
        Assert.Contains("unknown id_r", ex.Problems[1].Reason, StringComparison.Ordinal);
        // Ids given the wrong way round are unknown on both sides: id_l must be an employee, id_r an employer.
        Assert.Contains("unknown id_l", ex.Problems[2].Reason, StringComparison.Ordinal);
        Assert.Contains("unknown id_r", ex.Problems[3].Reason, StringComparison.Ordinal);
        Assert.Contains("labels.csv, line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("E_NOPE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_pairs_are_listed_with_the_line_they_repeat()
    {
        var csv = $"id_l,id_r,label\n{Employee(0)},{Employer(0)},1\n{Employee(1)},{Employer(1)},0\n{Employee(0)},{Employer(0)},1\n";

        var ex = Fails(csv, Lookup);

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal((Employee(0), Employer(0)), (problem.IdLeft, problem.IdRight));
        Assert.Contains("duplicate pair: already labelled on line 2", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradictory_labels_are_listed_with_both_lines()
    {
        var csv = $"id_l,id_r,label\n{Employee(5)},{Employer(5)},match\n{Employee(6)},{Employer(6)},1\n{Employee(5)},{Employer(5)},0\n";

        var ex = Fails(csv, Lookup);

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("contradictory labels: line 2 says match, this row says non-match", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_or_unreadable_labels_are_errors_not_skipped_rows()
    {
        var csv = $"id_l,id_r,label\n{Employee(0)},{Employer(0)},\n{Employee(1)},{Employer(1)},maybe\n";

        var ex = Fails(csv, Lookup);

        Assert.Equal([2, 3], ex.Problems.Select(p => p.Line));
        Assert.Contains("label is empty", ex.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'maybe'", ex.Problems[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_header_columns_are_named()
    {
        var ex = Assert.Throws<PairLabelFileException>(() => PairLabelFile.Read(new StringReader("left,right,label\na,b,1\n"), "labels.csv", Lookup));

        Assert.Contains("id_l, id_r", ex.Message, StringComparison.Ordinal);
    }
}
