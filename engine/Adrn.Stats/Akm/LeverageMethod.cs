namespace Adrn.Stats.Akm;

/// <summary>How the KSS leverages and quadratic-form weights are computed.</summary>
public enum LeverageMethod
{
    /// <summary>Exact up to <see cref="AkmOptions.ExactFirmLimit"/> firms, random projections above.</summary>
    Auto,

    /// <summary>Exact, from a dense inverse of the grounded firm Laplacian (time and memory grow with the cube of the number of firms).</summary>
    Exact,

    /// <summary>Johnson–Lindenstrauss random projections with <see cref="AkmOptions.RandomProjectionDraws"/> draws (three fixed-effect solves per draw).</summary>
    RandomProjection,
}
