using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Adrn.Linkage.Privacy;

/// <summary>
/// Encodes field values into keyed Bloom filters. Each q-gram (or token) of a value sets
/// <see cref="BloomFilterSettings.HashCount"/> bits chosen by keyed double hashing
/// (Kirsch–Mitzenmacher): with <c>h1, h2</c> the two halves of HMAC-SHA256(field key, q-gram), bit
/// <c>i</c> is <c>(h1 + i·h2) mod length</c>. Field keys are derived from the secret key and the field
/// name, so two fields never share bit patterns and the secret never appears in the output.
/// Similarity of two encodings is their Dice coefficient (<see cref="DiceCoefficient"/>).
/// </summary>
public sealed class BloomFilterEncoder
{
    private readonly byte[] _fieldKey;

    /// <summary>Creates an encoder for one field.</summary>
    /// <param name="key">The secret key shared by the data holders (never by the linking party).</param>
    /// <param name="field">
    /// What the field holds, for the key derivation: every data holder must use the same value for the
    /// same kind of field whatever their column is called (<see cref="SourceEncoder"/> uses the
    /// <see cref="EncodedFieldKind"/>, so <c>postcode</c> and <c>home_postcode</c> encode alike).
    /// </param>
    /// <param name="settings">Filter length, hash count and q.</param>
    /// <exception cref="ArgumentException">The settings are invalid (every problem listed).</exception>
    public BloomFilterEncoder(PseudonymKey key, string field, BloomFilterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid Bloom-filter settings: " + string.Join(" ", problems), nameof(settings));
        Settings = settings;
        Field = field;
        _fieldKey = key.Derive("bloom:" + field);
    }

    /// <summary>The field this encoder is for.</summary>
    public string Field { get; }

    /// <summary>The filter shape.</summary>
    public BloomFilterSettings Settings { get; }

    /// <summary>Number of 64-bit words of one filter.</summary>
    public int Words => Settings.LengthBits / 64;

    /// <summary>
    /// Encodes a standardised text value by its q-grams, padded with one <c>_</c> at each end for q &gt; 1
    /// so first and last characters weigh as much as inner ones. Null or empty gives null (missing).
    /// </summary>
    /// <param name="value">The standardised value.</param>
    /// <returns>The filter words, or null for a missing value.</returns>
    public ulong[]? EncodeText(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var q = Settings.Q;
        var padded = q > 1 ? "_" + value + "_" : value;
        var filter = new ulong[Words];
        if (padded.Length < q)
        {
            SetBits(filter, padded);
            return filter;
        }

        for (var i = 0; i + q <= padded.Length; i++)
            SetBits(filter, padded.AsSpan(i, q));
        return filter;
    }

    /// <summary>
    /// Encodes a date as four tokens — day, month, year and the unordered day–month pair — so a date
    /// with one wrong part, or with day and month swapped, still shares half of its tokens, as a
    /// comparison of the plain dates would give partial credit.
    /// </summary>
    /// <param name="date">The date, or null when missing.</param>
    /// <returns>The filter words, or null for a missing date.</returns>
    public ulong[]? EncodeDate(DateOnly? date)
    {
        if (date is not { } d) return null;
        var filter = new ulong[Words];
        SetBits(filter, "d" + d.Day.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        SetBits(filter, "m" + d.Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        SetBits(filter, "y" + d.Year.ToString("0000", System.Globalization.CultureInfo.InvariantCulture));
        var (low, high) = d.Day <= d.Month ? (d.Day, d.Month) : (d.Month, d.Day);
        SetBits(filter, "p" + low.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + high.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        return filter;
    }

    private void SetBits(ulong[] filter, ReadOnlySpan<char> token)
    {
        Span<byte> utf8 = stackalloc byte[64];
        var n = Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_fieldKey, utf8[..n], mac);
        var h1 = BinaryPrimitives.ReadUInt64LittleEndian(mac);
        // An odd step visits every residue modulo a power of two and avoids h2 = 0 collapsing all k bits.
        var h2 = BinaryPrimitives.ReadUInt64LittleEndian(mac[8..]) | 1UL;
        var length = (ulong)Settings.LengthBits;
        for (var i = 0UL; i < (ulong)Settings.HashCount; i++)
        {
            var bit = (h1 + (i * h2)) % length;
            filter[(int)(bit >> 6)] |= 1UL << (int)(bit & 63);
        }
    }

    /// <summary>Writes a filter as base64 of its little-endian bytes (the encoded-file format).</summary>
    /// <param name="filter">The filter words.</param>
    /// <returns>Base64 text.</returns>
    public static string ToBase64(ReadOnlySpan<ulong> filter)
    {
        var bytes = new byte[filter.Length * 8];
        for (var i = 0; i < filter.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), filter[i]);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Reads a filter written by <see cref="ToBase64"/>.</summary>
    /// <param name="text">Base64 text of a whole number of 64-bit words.</param>
    /// <returns>The filter words.</returns>
    /// <exception cref="FormatException">The text is not base64 of a whole number of 8-byte words.</exception>
    public static ulong[] FromBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Convert.FromBase64String(text);
        if (bytes.Length == 0 || bytes.Length % 8 != 0)
            throw new FormatException($"a Bloom filter must be a whole number of 8-byte words; got {bytes.Length} bytes.");
        var words = new ulong[bytes.Length / 8];
        for (var i = 0; i < words.Length; i++)
            words[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
        return words;
    }
}
