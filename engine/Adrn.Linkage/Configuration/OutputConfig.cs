namespace Adrn.Linkage.Configuration;

/// <summary>Which files a run writes.</summary>
public sealed record OutputConfig
{
    /// <summary>Formats of the <c>links</c>/<c>clusters</c>/<c>pairs</c> tables (default Arrow only).</summary>
    public IReadOnlyList<SourceFormat> Formats { get; init; } = [SourceFormat.Arrow];

    /// <summary>Also write <c>pairs</c>: every scored pair kept before resolution (default false).</summary>
    public bool WritePairs { get; init; }
}
