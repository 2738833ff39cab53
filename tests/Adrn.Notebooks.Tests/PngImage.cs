using System.Buffers.Binary;
using System.IO.Compression;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// A minimal PNG decoder (8-bit greyscale, RGB or RGBA, non-interlaced: what Chromium writes) using
/// only System.IO.Compression, because System.Drawing is not available on Linux. Follows the PNG
/// specification (W3C, 2nd edition): chunks, zlib-compressed IDAT, per-row filters 0–4.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// <summary>Row-major samples, <see cref="Channels"/> per pixel, filters removed.</summary>
    public byte[] Pixels { get; }

    public static PngImage Decode(byte[] file)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var pos = 8; pos + 8 <= file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
            var data = file.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var depth = data[8];
                var colour = data[9];
                if (depth != 8 || data[12] != 0) throw new InvalidDataException($"unsupported PNG: depth {depth}, interlace {data[12]}");
                channels = colour switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"unsupported colour type {colour}") };
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            pos += 12 + length;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width * channels;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            var src = bytes.AsSpan((y * (stride + 1)) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var prev = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : default;
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? row[x - channels] : 0;
                int b = y > 0 ? prev[x] : 0;
                int c = x >= channels && y > 0 ? prev[x - channels] : 0;
                row[x] = (byte)(src[x] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"row {y}: unknown filter {filter}"),
                });
            }
        }

        return new PngImage(width, height, channels, pixels);
    }

    /// <summary>Variance of the luminance (0–255 scale) over all pixels.</summary>
    public double LuminanceVariance()
    {
        double sum = 0, sumSq = 0;
        var n = Width * Height;
        for (var i = 0; i < n; i++)
        {
            var p = i * Channels;
            double l = Channels >= 3 ? (0.299 * Pixels[p]) + (0.587 * Pixels[p + 1]) + (0.114 * Pixels[p + 2]) : Pixels[p];
            sum += l;
            sumSq += l * l;
        }

        var mean = sum / n;
        return (sumSq / n) - (mean * mean);
    }

    /// <summary>Number of distinct colours (RGB), a second measure of a non-blank picture.</summary>
    public int DistinctColours()
    {
        var set = new HashSet<int>();
        for (var i = 0; i < Width * Height; i++)
        {
            var p = i * Channels;
            set.Add(Channels >= 3 ? (Pixels[p] << 16) | (Pixels[p + 1] << 8) | Pixels[p + 2] : Pixels[p]);
        }

        return set.Count;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
