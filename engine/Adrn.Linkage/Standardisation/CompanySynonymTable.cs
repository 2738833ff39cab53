using System.Collections.Frozen;
using System.Reflection;

namespace Adrn.Linkage.Standardisation;

/// <summary>
/// Word and phrase synonyms of company names (abbreviations and variant spellings mapped to one canonical form), used by
/// <see cref="CompanyNameStandardiser"/>. The UK table ships with the library (<see cref="Uk"/>,
/// <c>uk-company-synonyms.csv</c>); a job adds its own per column (<c>columns[].synonyms</c> in docs/config.md).
/// </summary>
/// <remarks>
/// A table file is CSV with the header <c>from,to</c>; lines starting with <c>#</c> and blank lines are ignored. Both
/// sides are folded like names (lower case, accents and punctuation removed, <c>&amp;</c> as "and") and split into words:
/// <c>from</c> may be a phrase ("health care"), <c>to</c> one or more words. Applying the table replaces, from left to
/// right, the longest phrase that starts at each word; a replacement is not scanned again, so entries never chain.
/// </remarks>
public sealed class CompanySynonymTable
{
    private readonly FrozenDictionary<string, string[]> _entries;
    private readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _phrases;
    private readonly int _longestKey;

    private CompanySynonymTable(Dictionary<string, string[]> entries)
    {
        _entries = entries.ToFrozenDictionary(StringComparer.Ordinal);
        _phrases = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestKey = entries.Count == 0 ? 0 : entries.Keys.Max(k => k.Length);
        LongestPhrase = entries.Count == 0 ? 0 : entries.Keys.Max(k => k.Count(c => c == ' ') + 1);
    }

    /// <summary>The UK table shipped with the library.</summary>
    public static CompanySynonymTable Uk { get; } = LoadUk();

    /// <summary>An empty table (no synonyms).</summary>
    public static CompanySynonymTable Empty { get; } = new([]);

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Most words in a <c>from</c> phrase.</summary>
    public int LongestPhrase { get; }

    /// <summary>The replacement of a folded word or phrase, or null.</summary>
    /// <param name="from">Folded words joined by single spaces.</param>
    /// <returns>The replacement words, or null.</returns>
    public IReadOnlyList<string>? Lookup(string from) => _entries.GetValueOrDefault(from);

    /// <summary>Reads a table file.</summary>
    /// <param name="path">CSV file with header <c>from,to</c>.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidDataException">A line is malformed (the message names file, line and value).</exception>
    public static CompanySynonymTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>This table with <paramref name="other"/>'s entries added; an entry of <paramref name="other"/> replaces one with the same <c>from</c>.</summary>
    /// <param name="other">The table whose entries win.</param>
    /// <returns>The merged table.</returns>
    public CompanySynonymTable With(CompanySynonymTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = new Dictionary<string, string[]>(_entries, StringComparer.Ordinal);
        foreach (var (from, to) in other._entries) merged[from] = to;
        return new CompanySynonymTable(merged);
    }

    /// <summary>Replaces synonyms in a list of folded words, in place.</summary>
    /// <param name="words">The words of a name.</param>
    public void Apply(List<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (_entries.Count == 0) return;
        // NOTE: a phrase of several words is looked up as characters composed in a buffer, not as a joined string: this
        // runs for every distinct company name of a job, and the strings were most of what standardising allocated.
        Span<char> buffer = _longestKey <= 256 ? stackalloc char[256] : new char[_longestKey];
        for (var i = 0; i < words.Count; i++)
        {
            for (var length = Math.Min(LongestPhrase, words.Count - i); length >= 1; length--)
            {
                string[]? to;
                if (length == 1)
                {
                    if (!_entries.TryGetValue(words[i], out to)) continue;
                }
                else
                {
                    var size = length - 1;
                    for (var w = i; w < i + length; w++) size += words[w].Length;
                    // No key is longer than the longest one.
                    if (size > _longestKey) continue;
                    var at = 0;
                    for (var w = i; w < i + length; w++)
                    {
                        if (w > i) buffer[at++] = ' ';
                        words[w].CopyTo(buffer[at..]);
                        at += words[w].Length;
                    }

                    if (!_phrases.TryGetValue(buffer[..size], out to)) continue;
                }

                words.RemoveRange(i, length);
                words.InsertRange(i, to);
                i += to.Length - 1;
                break;
            }
        }
    }

    private static CompanySynonymTable LoadUk()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Adrn.Linkage.uk-company-synonyms.csv")
            ?? throw new InvalidOperationException("the embedded UK synonym table is missing from Adrn.Linkage");
        using var reader = new StreamReader(stream);
        return Parse(reader, "uk-company-synonyms.csv (embedded)");
    }

    private static CompanySynonymTable Parse(TextReader reader, string source)
    {
        var entries = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var problems = new List<string>();
        var header = false;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            if (!header)
            {
                if (!string.Equals(text.Replace(" ", "", StringComparison.Ordinal), "from,to", StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{source}: line {number}: the header must be 'from,to', found '{text}'");
                header = true;
                continue;
            }

            var comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || text.IndexOf(',', comma + 1) >= 0)
            {
                problems.Add($"{source}: line {number}: expected 'from,to' (two fields), found '{text}'");
                continue;
            }

            var from = NameStandardiser.Fold(text[..comma], ampersandAsWord: true, dropFullStops: true);
            var to = NameStandardiser.Fold(text[(comma + 1)..], ampersandAsWord: true, dropFullStops: true);
            if (from is null || to is null)
            {
                problems.Add($"{source}: line {number}: column {(from is null ? "from" : "to")} has no letter or digit in '{text}'");
                continue;
            }

            entries[from] = to.Split(' ');
        }

        if (!header) problems.Add($"{source}: no 'from,to' header");
        if (problems.Count > 0) throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        return new CompanySynonymTable(entries);
    }
}
