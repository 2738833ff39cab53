namespace Adrn.Tables;

/// <summary>Names of <see cref="CsvEncoding"/>s as they appear in job files.</summary>
public static class CsvEncodings
{
    /// <summary>The names accepted by <see cref="TryParse"/>, one per encoding, as documented.</summary>
    public static IReadOnlyList<string> Names { get; } = ["utf-8", "windows-1252", "latin1"];

    /// <summary>Reads an encoding name: <c>utf-8</c>/<c>utf8</c>, <c>windows-1252</c>/<c>cp1252</c>, <c>latin1</c>/<c>latin-1</c>/<c>iso-8859-1</c> (any case).</summary>
    /// <param name="name">The name.</param>
    /// <param name="encoding">The encoding, when the name is known.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryParse(string? name, out CsvEncoding encoding)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "UTF-8" or "UTF8":
                encoding = CsvEncoding.Utf8;
                return true;
            case "WINDOWS-1252" or "CP1252" or "CP-1252":
                encoding = CsvEncoding.Windows1252;
                return true;
            case "LATIN1" or "LATIN-1" or "ISO-8859-1" or "ISO8859-1":
                encoding = CsvEncoding.Latin1;
                return true;
            default:
                encoding = CsvEncoding.Utf8;
                return false;
        }
    }

    /// <summary>The documented name of an encoding (<c>utf-8</c>, <c>windows-1252</c>, <c>latin1</c>).</summary>
    /// <param name="encoding">The encoding.</param>
    /// <returns>The name.</returns>
    public static string Name(CsvEncoding encoding) => encoding switch
    {
        CsvEncoding.Windows1252 => "windows-1252",
        CsvEncoding.Latin1 => "latin1",
        _ => "utf-8",
    };
}
