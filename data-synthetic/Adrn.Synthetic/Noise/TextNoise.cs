using System.Text;
using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic.Noise;

/// <summary>
/// Corruptions of keyed text: one typing error, dropped legal form, abbreviations, case changes,
/// acronyms. Each returns a value different from its input when it can (so measured rates match
/// configured rates).
/// </summary>
internal static class TextNoise
{
    private static readonly string[] LegalForms = [" UK Limited", " Limited", " Ltd", " PLC", " LLP"];

    // Word → abbreviation pairs as payroll clerks and respondents type them.
    private static readonly (string Long, string Short)[] WordAbbreviations =
    [
        ("Limited", "Ltd"), ("Engineering", "Eng"), ("Services", "Svcs"), ("International", "Intl"), ("Manufacturing", "Mfg"),
        ("Company", "Co"), ("Associates", "Assoc"), ("Construction", "Constr"), ("Management", "Mgmt"), ("Technologies", "Tech"),
        ("Properties", "Props"), ("Solutions", "Soln"), ("Holdings", "Hldgs"), ("Brothers", "Bros"), ("Financial", "Fin"),
        ("Logistics", "Logs"), ("Recruitment", "Recruit"), ("Contractors", "Contr"), ("Healthcare", "Health Care"), ("Group", "Grp"),
        ("Precision", "Prec"), ("Supplies", "Supp"), ("Distributors", "Dist"), ("Environmental", "Env"), ("Hospitality", "Hosp"),
    ];

    // Neighbouring keys on a UK QWERTY keyboard, for realistic substitutions.
    private static readonly string[] Neighbours =
    [
        "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn", "jiolm", "kop",
        "njk", "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy", "yhji", "cfgb", "qase", "zsdc", "tghu", "asx",
    ];

    /// <summary>One typing error: substitution by a neighbouring key, deletion, transposition or doubled letter.</summary>
    public static string Typo(string value, SeededRandom rng)
    {
        if (value.Length < 2)
        {
            return value;
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var position = rng.NextInt(value.Length);
            if (!char.IsLetter(value[position]))
            {
                continue;
            }

            var builder = new StringBuilder(value);
            switch (rng.NextInt(4))
            {
                case 0:
                    var lower = char.ToLowerInvariant(value[position]);
                    if (lower is < 'a' or > 'z')
                    {
                        continue;
                    }

                    var options = Neighbours[lower - 'a'];
                    var replacement = options[rng.NextInt(options.Length)];
                    builder[position] = char.IsUpper(value[position]) ? char.ToUpperInvariant(replacement) : replacement;
                    break;
                case 1:
                    builder.Remove(position, 1);
                    break;
                case 2:
                    if (position + 1 >= value.Length || !char.IsLetter(value[position + 1]))
                    {
                        continue;
                    }

                    (builder[position], builder[position + 1]) = (builder[position + 1], builder[position]);
                    break;
                default:
                    builder.Insert(position, char.ToLowerInvariant(value[position]));
                    break;
            }

            var result = builder.ToString();
            if (!string.Equals(result, value, StringComparison.Ordinal) && result.Trim().Length > 0)
            {
                return result;
            }
        }

        return value;
    }

    /// <summary>The name without its trailing legal form ("Harrow Engineering Ltd" → "Harrow Engineering").</summary>
    public static string DropLegalForm(string name)
    {
        foreach (var form in LegalForms)
        {
            if (name.EndsWith(form, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^form.Length];
            }
        }

        return name;
    }

    /// <summary>Abbreviates or expands words ("Limited" ↔ "Ltd", "and" ↔ "&amp;", "Engineering" → "Eng").</summary>
    public static string Abbreviate(string name, SeededRandom rng)
    {
        var words = name.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            foreach (var (longForm, shortForm) in WordAbbreviations)
            {
                if (string.Equals(words[i], longForm, StringComparison.Ordinal) && (!changed || rng.Chance(0.5)))
                {
                    words[i] = shortForm;
                    changed = true;
                    break;
                }
            }

            if (words[i] == "&" && (!changed || rng.Chance(0.5)))
            {
                words[i] = "and";
                changed = true;
            }
            else if (words[i] == "and" && (!changed || rng.Chance(0.5)))
            {
                words[i] = "&";
                changed = true;
            }
        }

        if (!changed)
        {
            // Nothing to shorten: write the legal form the other way round.
            var last = words[^1];
            words[^1] = last switch
            {
                "Ltd" => "Limited",
                "PLC" => "Plc",
                "LLP" => "L.L.P.",
                _ => last,
            };
        }

        return string.Join(' ', words);
    }

    /// <summary>Upper case (60%) or lower case (40%), as some payroll systems store names.</summary>
    public static string ChangeCase(string name, SeededRandom rng) =>
        rng.Chance(0.6) ? name.ToUpperInvariant() : name.ToLowerInvariant();

    /// <summary>Initials of the words before the legal form ("Harrow Precision Engineering Ltd" → "HPE").</summary>
    public static string Acronym(string name)
    {
        var core = DropLegalForm(name);
        var builder = new StringBuilder();
        foreach (var word in core.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (char.IsLetter(word[0]) && word != "and")
            {
                builder.Append(char.ToUpperInvariant(word[0]));
            }
            else if (word.Length > 1 && word[0] == '(' && char.IsLetter(word[1]))
            {
                builder.Append(char.ToUpperInvariant(word[1]));
            }
        }

        return builder.Length >= 2 ? builder.ToString() : core;
    }
}
