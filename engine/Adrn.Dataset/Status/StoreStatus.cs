using System.Globalization;
using System.Text;
using Adrn.Dataset.Catalog;

namespace Adrn.Dataset;

/// <summary><c>adrn dataset status</c>: versions, waves, records, entities, link quality per wave, and quality-drift warnings.</summary>
/// <param name="Name">The dataset.</param>
/// <param name="Directory">The store's folder.</param>
/// <param name="Catalog">Where the catalog lives.</param>
/// <param name="HeadVersion">The current version.</param>
/// <param name="Versions">Every version, oldest first.</param>
/// <param name="Waves">Every wave, in the order added.</param>
/// <param name="Entities">Spine → number of entities.</param>
/// <param name="Warnings">Quality-drift alarms (empty when none).</param>
public sealed record StoreStatus(string Name, string Directory, string Catalog, long HeadVersion, IReadOnlyList<VersionInfo> Versions,
    IReadOnlyList<WaveStatus> Waves, IReadOnlyDictionary<string, long> Entities, IReadOnlyList<string> Warnings)
{
    /// <summary>A plain-text rendering for the terminal.</summary>
    public string ToText()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"Dataset {Name} at {Directory}");
        sb.AppendLine(ci, $"  catalog {Catalog}, head version {HeadVersion} of {Versions.Count}");
        foreach (var v in Versions.TakeLast(10)) sb.AppendLine(ci, $"  v{v.Version,-4} {v.CreatedUtc}  {v.Operation,-10} {v.Summary}");
        sb.AppendLine("Entities:");
        foreach (var (spine, count) in Entities) sb.AppendLine(ci, $"  {spine,-12} {count,12:N0}");
        sb.AppendLine("Waves (link rate = share of records linked to an existing entity; precision = the model's estimate):");
        sb.AppendLine(ci, $"  {"source",-10} {"wave",-8} {"records",9} {"quar.",6}  {"spine",-10} {"linked",8} {"within",7} {"minted",8} {"unlinked",8} {"rate",7} {"precision",9}");
        foreach (var w in Waves)
        {
            var first = true;
            foreach (var l in w.Links)
            {
                var head = first ? string.Create(ci, $"{w.Source,-10} {w.Wave,-8} {w.Records,9:N0} {w.Quarantined,6:N0}") : new string(' ', 36);
                var rate = l.SpineEntitiesBefore == 0 ? "      -" : l.LinkRate.ToString("P1", ci).PadLeft(7);
                var precision = l.EstimatedPrecision is { } p ? p.ToString("F4", ci).PadLeft(9) : "        -";
                sb.AppendLine(ci, $"  {head}  {l.Spine,-10} {l.Linked,8:N0} {l.LinkedWithinWave,7:N0} {l.Minted,8:N0} {l.Unlinked,8:N0} {rate} {precision}");
                first = false;
            }
        }

        if (Warnings.Count == 0) sb.AppendLine("Quality drift: none.");
        foreach (var w in Warnings) sb.AppendLine("WARNING: " + w);
        return sb.ToString();
    }
}
