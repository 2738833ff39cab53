namespace Adrn.Dataset;

/// <summary>A wave to add: <c>adrn dataset add-wave --source NAME --wave LABEL --input FILE [--retrain]</c>.</summary>
/// <param name="Source">A source of the spec.</param>
/// <param name="Wave">The wave's label (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>), e.g. <c>2021</c>.</param>
/// <param name="InputPath">The wave's file (CSV, Arrow or Parquet), with the source's columns.</param>
/// <param name="Retrain">Train the source's link models again on this wave instead of using the stored ones.</param>
public sealed record AddWaveRequest(string Source, string Wave, string InputPath, bool Retrain = false);
