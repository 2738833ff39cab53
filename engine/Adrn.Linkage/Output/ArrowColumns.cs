using System.Runtime.InteropServices;
using System.Text;
using System.Runtime.CompilerServices;
using Apache.Arrow;

namespace Adrn.Linkage.Output;

/// <summary>
/// Builds non-null Arrow arrays straight from spans (one copy of the bytes, no per-value append), for the engine's
/// own files and outputs that are written in large batches.
/// </summary>
internal static class ArrowColumns
{
    public static Int32Array Int32(ReadOnlySpan<int> values) => new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    public static UInt64Array UInt64(ReadOnlySpan<ulong> values) => new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    public static DoubleArray Double(ReadOnlySpan<double> values) => new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    public static Int8Array Int8(ReadOnlySpan<sbyte> values) => new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    public static Int64Array Int64(ReadOnlySpan<long> values) => new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    /// <summary>A non-null string array of <paramref name="count"/> values given by <paramref name="valueOf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static StringArray Strings(int count, Func<int, string> valueOf)
    {
        var offsets = new int[count + 1];
        var bytes = 0;
        for (var i = 0; i < count; i++)
        {
            bytes += Encoding.UTF8.GetByteCount(valueOf(i));
            offsets[i + 1] = bytes;
        }

        var data = new byte[bytes];
        var at = 0;
        for (var i = 0; i < count; i++) at += Encoding.UTF8.GetBytes(valueOf(i), data.AsSpan(at));
        return new StringArray(count, Buffer<int>(offsets), new ArrowBuffer(data), ArrowBuffer.Empty, 0, 0);
    }

    /// <summary>A nullable string array (null entries become nulls).</summary>
    public static StringArray NullableStrings(IReadOnlyList<string?> values)
    {
        var count = values.Count;
        var offsets = new int[count + 1];
        var validity = new byte[(count + 7) / 8];
        var nulls = 0;
        var bytes = 0;
        for (var i = 0; i < count; i++)
        {
            if (values[i] is { } v)
            {
                bytes += Encoding.UTF8.GetByteCount(v);
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }

            offsets[i + 1] = bytes;
        }

        var data = new byte[bytes];
        var at = 0;
        for (var i = 0; i < count; i++)
            if (values[i] is { } v) at += Encoding.UTF8.GetBytes(v, data.AsSpan(at));
        return new StringArray(count, Buffer<int>(offsets), new ArrowBuffer(data), nulls == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), nulls, 0);
    }

    private static ArrowBuffer Buffer<T>(ReadOnlySpan<T> values) where T : unmanaged =>
        new(MemoryMarshal.AsBytes(values).ToArray());
}
