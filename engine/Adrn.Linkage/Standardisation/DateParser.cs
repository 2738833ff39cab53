using System.Globalization;

namespace Adrn.Linkage.Standardisation;

/// <summary>
/// Parses dates written in any of a list of exact formats (invariant culture), counting values
/// that are present but unparseable so a run report can show them.
/// </summary>
/// <remarks>
/// Formats are tried in the order given and the first that parses wins, so put the preferred
/// reading of an ambiguous value first ("03/04/2001" is 3 April with dd/MM/yyyy before MM/dd/yyyy).
/// Leading and trailing whitespace is ignored. Blank input is missing, not invalid: it returns
/// false without being counted. The instance is thread-safe.
/// </remarks>
public sealed class DateParser
{
    /// <summary>Formats found in UK administrative extracts, in the order they are tried.</summary>
    public static IReadOnlyList<string> DefaultFormats { get; } =
        ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "yyyyMMdd", "dd-MMM-yyyy", "d-MMM-yyyy", "d MMM yyyy", "dd.MM.yyyy"];

    private readonly string[] _formats;
    private long _invalidCount;

    /// <summary>Creates a parser for the given .NET custom date formats.</summary>
    /// <param name="formats">Exact formats such as "yyyy-MM-dd" or "dd/MM/yyyy"; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="formats"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="formats"/> is empty or holds a blank format.</exception>
    public DateParser(IReadOnlyList<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        if (formats.Count == 0)
        {
            throw new ArgumentException("At least one date format is needed, e.g. \"yyyy-MM-dd\".", nameof(formats));
        }

        _formats = new string[formats.Count];
        for (int i = 0; i < formats.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(formats[i]))
            {
                throw new ArgumentException($"Date format {i} is blank; give a .NET custom format such as \"dd/MM/yyyy\".", nameof(formats));
            }

            _formats[i] = formats[i];
        }
    }

    /// <summary>The formats tried, in order.</summary>
    public IReadOnlyList<string> Formats => _formats;

    /// <summary>Number of non-blank values that matched no format, across all threads.</summary>
    public long InvalidCount => Interlocked.Read(ref _invalidCount);

    /// <summary>Parses one value.</summary>
    /// <param name="raw">The value as recorded.</param>
    /// <param name="value">The date, or default when parsing fails.</param>
    /// <returns>true when a format matched; false for blank input (not counted) or an invalid value (counted in <see cref="InvalidCount"/>).</returns>
    public bool TryParse(ReadOnlySpan<char> raw, out DateOnly value)
    {
        ReadOnlySpan<char> trimmed = raw.Trim();
        if (trimmed.IsEmpty)
        {
            value = default;
            return false;
        }

        if (DateOnly.TryParseExact(trimmed, _formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        Interlocked.Increment(ref _invalidCount);
        return false;
    }
}
