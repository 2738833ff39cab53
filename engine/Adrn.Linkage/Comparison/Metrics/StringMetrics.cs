using System.Buffers;

namespace Adrn.Linkage.Comparison.Metrics;

/// <summary>
/// String similarity and edit-distance kernels used by comparison levels.
/// </summary>
/// <remarks>
/// <para>
/// Every method works on UTF-16 code units exactly as given: no case folding, trimming or
/// normalisation happens here (standardise first, see <c>Adrn.Linkage.Standardisation</c>).
/// Characters outside the Basic Multilingual Plane count as two units.
/// </para>
/// <para>
/// NOTE: these run inside the comparison hot loop, once per candidate pair, tens of millions of
/// times per job. None of them allocates: scratch buffers come from <c>stackalloc</c> for
/// name-length input and from <see cref="ArrayPool{T}.Shared"/> beyond that.
/// </para>
/// </remarks>
public static partial class StringMetrics
{
    // Scratch buffers up to this many elements live on the stack; beyond it they are rented.
    // 256 ints is 1 KiB: far above any name, small enough never to threaten the stack.
    private const int StackLimit = 256;
}
