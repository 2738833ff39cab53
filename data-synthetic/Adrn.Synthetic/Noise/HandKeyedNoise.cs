using System.Text;
using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Noise;

/// <summary>
/// The extra corruptions of the hand-keyed noise profile (<see cref="HandKeyedNoiseOptions"/>), applied on top of the
/// values the default noise recorded. Every draw comes from streams of this class only (per job spell, per cohort
/// member, and one for the firms' old sites), so the default profile's values never depend on whether it runs.
/// </summary>
/// <remarks>
/// NOTE: the default noise may already have upper- or lower-cased a keyed name, so every word-level corruption here
/// matches words case-insensitively and writes its replacement in the case of the word it replaces.
/// </remarks>
internal sealed class HandKeyedNoise
{
    // Stream ids of their own, far from the generator's stage streams (1, 2, 3, ...).
    private const ulong StreamSpell = 0x484B_0001;
    private const ulong StreamSites = 0x484B_0002;
    private const ulong StreamCohort = 0x484B_0003;

    // Word -> abbreviation as clerks key them. Every abbreviation is in the shipped UK synonym table of Adrn.Linkage
    // (engine/Adrn.Linkage/Standardisation/uk-company-synonyms.csv), which maps it back.
    private static readonly (string Long, string Short)[] Abbreviations =
    [
        ("Management", "Mgmt"), ("International", "Intl"), ("Brothers", "Bros"), ("Services", "Svcs"), ("Engineering", "Eng"),
        ("Technologies", "Tech"), ("Associates", "Assocs"), ("Holdings", "Hldgs"), ("Construction", "Constr"),
        ("Manufacturing", "Mfg"), ("Solutions", "Solns"), ("Properties", "Props"), ("Systems", "Sys"), ("Electrical", "Elec"),
        ("Distributors", "Dist"), ("Company", "Co"), ("Group", "Grp"), ("Contractors", "Contr"), ("Partners", "Ptnrs"),
        ("Solicitors", "Solrs"), ("Surveyors", "Survs"), ("Components", "Comps"), ("Investments", "Invs"), ("Financial", "Fin"),
        ("Precision", "Prec"), ("Supplies", "Supp"), ("Logistics", "Logs"), ("Recruitment", "Recruit"), ("Hospitality", "Hosp"),
        ("Environmental", "Env"), ("Accountants", "Accts"), ("Transport", "Transp"), ("Builders", "Bldrs"), ("Building", "Bldg"),
        ("and", "&"), ("&", "and"),
    ];

    private static readonly string[] LegalForms = [" UK Limited", " Co Ltd", " Limited", " Ltd", " PLC", " LLP"];
    private static readonly string[] ReplacementForms = [" Ltd", " Limited", " Co Ltd", " PLC"];

    private readonly HandKeyedNoiseOptions _options;
    private readonly ulong _seed;
    private readonly int _firmCount;
    private readonly int[] _oldSite;
    private readonly SeededRandom _rng;

    public HandKeyedNoise(HandKeyedNoiseOptions options, Firm[] firms, ulong seed)
    {
        _options = options;
        _seed = seed;
        _firmCount = firms.Length;
        _rng = new SeededRandom(seed, StreamSpell, 0);
        // One old site per firm: 60% another district of its area (when the area has several), else another area.
        var sites = new SeededRandom(seed, StreamSites);
        _oldSite = new int[firms.Length];
        for (var j = 0; j < firms.Length; j++)
        {
            var area = firms[j].Area;
            var districts = UkGeography.Areas[area].Districts.Length;
            var sameArea = sites.Chance(0.6);
            var pick = sites.NextInt(1 << 20);
            if (sameArea && districts > 1)
            {
                var district = (Postcode.District(firms[j].Postcode) + 1 + pick % (districts - 1)) % districts;
                _oldSite[j] = Postcode.RandomIn(sites, area, district);
            }
            else
            {
                var other = (area + 1 + pick % (UkGeography.Areas.Length - 1)) % UkGeography.Areas.Length;
                _oldSite[j] = Postcode.RandomIn(sites, other);
            }
        }
    }

    /// <summary>Corrupts the recorded PAYE reference, employer name and employer postcode of one job spell in place.</summary>
    /// <param name="person">Person index (with <paramref name="firm"/>, names the spell: the same spell gets the same corruptions every year).</param>
    /// <param name="firm">Firm index.</param>
    /// <param name="paye">The PAYE reference as the default noise recorded it.</param>
    /// <param name="name">The employer name as the default noise keyed it.</param>
    /// <param name="postcode">The employer postcode as the default noise recorded it.</param>
    public void CorruptPayrollEmployer(int person, int firm, ref string? paye, ref string? name, ref string? postcode)
    {
        var o = _options;
        var rng = _rng;
        rng.Reset(_seed, StreamSpell, (ulong)person * (ulong)_firmCount + (ulong)firm);
        // Every decision is drawn first, in a fixed order, so each rate stays independent of the others.
        var payeMissing = rng.Chance(o.PayeMissingRate);
        var payeKind = rng.NextDouble();
        var nameMissing = rng.Chance(o.EmployerNameMissingRate);
        var sons = rng.Chance(o.EmployerNameSonsRate);
        var legal = rng.Chance(o.EmployerNameLegalFormChangedRate);
        var abbreviate = rng.Chance(o.EmployerNameAbbreviationRate);
        var glue = rng.Chance(o.EmployerNameGluedRate);
        var split = rng.Chance(o.EmployerNameSplitRate);
        var typo = rng.Chance(o.EmployerNameTypoRate);
        var secondTypo = rng.Chance(0.25);
        var postcodeKind = rng.NextDouble();

        if (!string.IsNullOrEmpty(paye))
        {
            if (payeMissing)
            {
                paye = string.Empty;
            }
            else if (payeKind < o.PayeOfficeDigitDroppedRate)
            {
                paye = DropOfficeDigit(paye, rng);
            }
            else if (payeKind < o.PayeOfficeDigitDroppedRate + o.PayeOfficeMissingRate)
            {
                paye = DropOffice(paye);
            }
        }

        if (!string.IsNullOrEmpty(name))
        {
            if (nameMissing)
            {
                name = string.Empty;
            }
            else
            {
                if (sons) name = ToggleSons(name);
                if (legal) name = ChangeLegalForm(name, rng);
                if (abbreviate) name = Abbreviate(name, rng);
                if (glue) name = Glue(name, rng);
                if (split) name = Split(name, rng);
                if (typo)
                {
                    name = TextNoise.Typo(name, rng);
                    if (secondTypo) name = TextNoise.Typo(name, rng);
                }
            }
        }

        if (postcodeKind < o.EmployerPostcodeMissingRate)
        {
            postcode = string.Empty;
        }
        else if (postcodeKind < o.EmployerPostcodeMissingRate + o.EmployerPostcodeOldSiteRate)
        {
            postcode = Postcode.Format(_oldSite[firm]);
        }
    }

    /// <summary>Corrupts a cohort member's self-reported employer name.</summary>
    /// <param name="member">Cohort row index (names the member's stream).</param>
    /// <param name="name">The name as the default noise reported it.</param>
    /// <returns>The corrupted name.</returns>
    public string? CorruptCohortEmployer(int member, string? name)
    {
        var rng = _rng;
        rng.Reset(_seed, StreamCohort, (ulong)member);
        var typo = rng.Chance(_options.CohortEmployerTypoRate);
        var glue = rng.Chance(_options.CohortEmployerGluedRate);
        if (string.IsNullOrEmpty(name)) return name;
        if (glue) name = Glue(name, rng);
        return typo ? TextNoise.Typo(name, rng) : name;
    }

    /// <summary>The postcode of a firm's old site (a different district; the same area 60% of the time).</summary>
    /// <param name="firm">Firm index.</param>
    /// <returns>The packed postcode.</returns>
    public int OldSite(int firm) => _oldSite[firm];

    /// <summary>"123/AB56789" → "13/AB56789": one digit of the tax-office part dropped.</summary>
    public static string DropOfficeDigit(string paye, SeededRandom rng)
    {
        var slash = paye.IndexOf('/', StringComparison.Ordinal);
        if (slash < 1) return paye;
        var position = rng.NextInt(slash);
        return paye.Remove(position, 1);
    }

    /// <summary>"123/AB56789" → "AB56789": the tax-office part and the slash left out.</summary>
    public static string DropOffice(string paye)
    {
        var slash = paye.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? paye : paye[(slash + 1)..];
    }

    /// <summary>"Son" ↔ "Sons" (case kept); names without either are unchanged.</summary>
    public static string ToggleSons(string name)
    {
        var words = name.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (string.Equals(words[i], "Sons", StringComparison.OrdinalIgnoreCase))
            {
                words[i] = words[i][..3];
                return string.Join(' ', words);
            }

            if (string.Equals(words[i], "Son", StringComparison.OrdinalIgnoreCase))
            {
                words[i] += char.IsUpper(words[i][^1]) ? "S" : "s";
                return string.Join(' ', words);
            }
        }

        return name;
    }

    /// <summary>Replaces the trailing legal form by another one, or adds "Ltd" to a name that has none.</summary>
    public static string ChangeLegalForm(string name, SeededRandom rng)
    {
        var pick = rng.NextInt(ReplacementForms.Length - 1);
        foreach (var form in LegalForms)
        {
            if (name.EndsWith(form, StringComparison.OrdinalIgnoreCase))
            {
                var current = Array.FindIndex(ReplacementForms, f => string.Equals(f, form, StringComparison.OrdinalIgnoreCase));
                var replacement = ReplacementForms[current < 0 ? pick : (current + 1 + pick) % ReplacementForms.Length];
                return name[..^form.Length] + InCaseOf(name, replacement);
            }
        }

        return name + InCaseOf(name, " Ltd");
    }

    /// <summary>Abbreviates words the way clerks do (each abbreviable word with probability 0.7, at least one).</summary>
    public static string Abbreviate(string name, SeededRandom rng)
    {
        var words = name.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            foreach (var (longForm, shortForm) in Abbreviations)
            {
                if (!string.Equals(words[i], longForm, StringComparison.OrdinalIgnoreCase)) continue;
                if (!changed || rng.Chance(0.7))
                {
                    words[i] = InCaseOf(words[i], shortForm);
                    changed = true;
                }

                break;
            }
        }

        return changed ? string.Join(' ', words) : name;
    }

    /// <summary>Two adjacent words typed as one ("Price Consultants" → "PriceConsultants").</summary>
    public static string Glue(string name, SeededRandom rng)
    {
        var spaces = 0;
        foreach (var c in name) if (c == ' ') spaces++;
        if (spaces == 0) return name;
        var target = rng.NextInt(spaces);
        var builder = new StringBuilder(name.Length);
        var seen = 0;
        foreach (var c in name)
        {
            if (c == ' ' && seen++ == target) continue;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A word of at least 7 letters split in two ("Fabrications" → "Fabri cations").</summary>
    public static string Split(string name, SeededRandom rng)
    {
        var words = name.Split(' ');
        var candidates = 0;
        foreach (var w in words) if (IsLongWord(w)) candidates++;
        if (candidates == 0) return name;
        var target = rng.NextInt(candidates);
        for (var i = 0; i < words.Length; i++)
        {
            if (!IsLongWord(words[i]) || target-- != 0) continue;
            var at = 3 + rng.NextInt(words[i].Length - 5);
            words[i] = words[i][..at] + " " + words[i][at..];
            break;
        }

        return string.Join(' ', words);
    }

    private static bool IsLongWord(string word)
    {
        if (word.Length < 7) return false;
        foreach (var c in word) if (!char.IsLetter(c)) return false;
        return true;
    }

    /// <summary>Writes <paramref name="replacement"/> in the case style of <paramref name="model"/> (all upper, all lower, or as given).</summary>
    private static string InCaseOf(string model, string replacement)
    {
        var letters = 0;
        var upper = 0;
        var lower = 0;
        foreach (var c in model)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (char.IsUpper(c)) upper++;
            else lower++;
        }

        if (letters > 1 && upper == letters) return replacement.ToUpperInvariant();
        if (letters > 0 && lower == letters) return replacement.ToLowerInvariant();
        return replacement;
    }
}
