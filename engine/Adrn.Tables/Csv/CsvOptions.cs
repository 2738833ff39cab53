namespace Adrn.Tables;

/// <summary>How <see cref="CsvCursor"/> reads a delimited file. Immutable; use <c>with</c> to vary.</summary>
public sealed record CsvOptions
{
    /// <summary>The defaults: comma, UTF-8, no trimming, malformed records throw.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>The field delimiter: <c>,</c> (default), <c>|</c>, tab or <c>;</c>.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The file's encoding (default UTF-8). A UTF-8 byte-order mark is skipped under UTF-8 and refused under the others.</summary>
    public CsvEncoding Encoding { get; init; } = CsvEncoding.Utf8;

    /// <summary>
    /// Whether blanks (space, and tab unless tab is the delimiter) around a field are dropped: around an unquoted field's text, and before an opening or
    /// after a closing quote (FEBRL writes <c>, value</c>). Blanks inside quotes are always kept. Default false.
    /// </summary>
    public bool Trim { get; init; }

    /// <summary>What to do with a malformed record (default: throw).</summary>
    public MalformedRecordPolicy OnMalformed { get; init; } = MalformedRecordPolicy.Throw;

    /// <summary>
    /// The most bytes one record may span (default 1 MiB). A quoted field that would carry a record past it is treated
    /// as an unbalanced quote; a single line longer than it is an error (the file is not line-structured text).
    /// </summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>The delimiters a source may declare.</summary>
    public static IReadOnlyList<char> SupportedDelimiters { get; } = [',', '|', '\t', ';'];

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">The delimiter is not one of <see cref="SupportedDelimiters"/>, or <see cref="MaxRecordBytes"/> is outside 1 KiB..64 MiB.</exception>
    public void Validate()
    {
        if (!SupportedDelimiters.Contains(Delimiter))
            throw new ArgumentException($"delimiter '{Delimiter}' is not supported; use ',', '|', tab or ';'", nameof(Delimiter));
        if (MaxRecordBytes is < 1024 or > 64 << 20)
            throw new ArgumentException($"MaxRecordBytes must be between 1 KiB and 64 MiB (got {MaxRecordBytes})", nameof(MaxRecordBytes));
    }
}
