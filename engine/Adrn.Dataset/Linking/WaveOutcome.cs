namespace Adrn.Dataset.Linking;

/// <summary>A linked wave: its records and, per spine the source links to, the assignment of every record.</summary>
internal sealed record WaveOutcome(WaveRecords Records, IReadOnlyList<SpineLedger> Ledgers);

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
