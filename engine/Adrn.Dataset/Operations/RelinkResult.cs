namespace Adrn.Dataset;

/// <summary>What a relink did.</summary>
/// <param name="Version">The new version.</param>
/// <param name="Changes">What changed, per spine.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
public sealed record RelinkResult(long Version, ChangeReport Changes, double Seconds);
