namespace Adrn.Dataset.Linking;

/// <summary>A linked wave: its records, per spine the source links to the assignment of every record, and what each linkage run worked on.</summary>
internal sealed record WaveOutcome(WaveRecords Records, IReadOnlyList<SpineLedger> Ledgers, IReadOnlyList<WaveLinkWork> Work);

/// <summary>The assignments of one wave for one spine, and the spine's size before the wave was linked.</summary>
internal sealed record SpineLedger(string Spine, IReadOnlyList<RecordAssignment> Rows, long SpineEntitiesBefore)
{
    public long Count(string method) => Rows.LongCount(r => r.Method == method);

    /// <summary>Mean probability of the records linked to an existing entity, or null when none was.</summary>
    public double? MeanLinkedProbability
    {
        get
        {
            var linked = Rows.Where(r => r.Method == RecordAssignment.Linked && r.Probability is not null).ToList();
            return linked.Count == 0 ? null : linked.Average(r => r.Probability!.Value);
        }
    }
}
