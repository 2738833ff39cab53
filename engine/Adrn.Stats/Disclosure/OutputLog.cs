using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Adrn.Stats.Disclosure;

/// <summary>
/// The record of checked outputs that an output checker reads: one JSON object per line
/// (<c>id</c>, <c>kind</c>, <c>status</c>, <c>reasons</c>, <c>sha256</c>, <c>recorded_at_utc</c>).
/// The checksum is of the rendered text as released, so a checker can confirm that the file in
/// front of them is the one that was checked.
/// </summary>
public sealed class OutputLog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<OutputLogEntry> _entries = [];
    private readonly string? _path;

    /// <summary>Creates an in-memory log; if <paramref name="path"/> is given every entry is also appended to that JSON-lines file.</summary>
    /// <param name="path">Optional JSON-lines file to append to (created if missing).</param>
    public OutputLog(string? path = null) => _path = path;

    /// <summary>Entries recorded by this instance, in order.</summary>
    public IReadOnlyList<OutputLogEntry> Entries => _entries;

    /// <summary>Records a checked output.</summary>
    /// <param name="check">The check's verdict.</param>
    /// <param name="renderedOutput">The exact text released (table, CSV, ...).</param>
    public OutputLogEntry Record(OutputCheck check, string renderedOutput)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(renderedOutput);
        var entry = new OutputLogEntry(check.Id, check.Kind, check.Status.ToString().ToLowerInvariant(), check.Reasons,
            Sha256Hex(renderedOutput), DateTimeOffset.UtcNow);
        _entries.Add(entry);
        if (_path is not null) File.AppendAllText(_path, JsonSerializer.Serialize(entry, Json) + "\n", new UTF8Encoding(false));
        return entry;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The rendered output.</param>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Reads a JSON-lines output log.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">A line is not a valid entry; the message names the line.</exception>
    public static IReadOnlyList<OutputLogEntry> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var list = new List<OutputLogEntry>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                list.Add(JsonSerializer.Deserialize<OutputLogEntry>(line, Json)
                         ?? throw new InvalidDataException($"{path}, line {lineNumber}: empty entry."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: not an output log entry ({ex.Message}).", ex);
            }
        }

        return list;
    }
}
