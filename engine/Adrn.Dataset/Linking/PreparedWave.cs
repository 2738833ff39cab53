using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Dataset.Linking;

/// <summary>A wave's side of one link job, read and standardised once for the link to the spine and the within-wave links.</summary>
/// <param name="Config">The link job (sources <c>wave</c> and <c>spine</c>; the spine side is never read from its path).</param>
/// <param name="Prepared">The wave's records prepared by the job's wave side.</param>
/// <param name="JobSha256">SHA-256 of the job's text.</param>
/// <param name="Seconds">Seconds reading and standardising.</param>
internal sealed record PreparedWave(LinkageJobConfig Config, PreparedLinkage Prepared, string JobSha256, double Seconds)
{
    /// <summary>Data rows (1-based) of the wave file the job's preparation set aside.</summary>
    public IReadOnlySet<int> QuarantinedRows => Prepared.Quarantine.Select(q => q.Row).ToHashSet();

    /// <summary>The values the job's wave side standardised for the wave's record at <paramref name="index"/> (file order of the records), in job column order.</summary>
    public string?[] ValuesOf(int index)
    {
        var records = Prepared.Records;
        var values = new string?[records.Columns.Count];
        for (var c = 0; c < values.Length; c++) values[c] = records.Columns[c].ValueOf(index);
        return values;
    }
}
