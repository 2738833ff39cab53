using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;

namespace Adrn.Synthetic.Register;

/// <summary>
/// Builds realistic company names: a stem (surname, place or descriptor), a sector word, an
/// optional qualifier and a legal form ("Harrow Precision Engineering Ltd", "Smith &amp; Sons Ltd",
/// "Apex Digital Limited", "Patel and Co Ltd"). Registered names are unique, as Companies House
/// requires; look-alikes differ by one qualifier word.
/// </summary>
internal sealed class CompanyNameGenerator
{
    private static readonly string[] Descriptors =
    [
        "Premier", "Apex", "Northern", "Southern", "Crown", "Elite", "Summit", "Phoenix", "Pinnacle", "Allied",
        "United", "Central", "Coastal", "Heritage", "Meridian", "Sterling", "Vanguard", "Atlas", "Beacon", "Evergreen",
        "Horizon", "Keystone", "Oakwood", "Riverside", "Castle", "Bridge", "Sovereign", "Trinity", "Regent", "Paramount",
        "Quantum", "Kestrel", "Falcon", "Orchard", "Willow", "Granite", "Silverline", "Bluebell", "Redwood", "Ironbridge",
    ];

    /// <summary>Qualifier words that distinguish look-alike firms.</summary>
    public static readonly string[] Qualifiers = ["Services", "Group", "UK", "Solutions", "Holdings", "International", "Contractors", "Partners"];

    private static readonly string[] Streets =
    [
        "High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Road", "Park Road", "London Road", "Church Street",
        "Main Street", "Queen Street", "King Street", "Manor Road", "Green Lane", "New Road", "Albert Road", "Bridge Street",
        "Market Place", "Castle Street", "North Road", "West Street", "Chapel Lane", "York Road", "Springfield Road", "Grange Road",
    ];

    private static readonly string[] Estates =
    [
        "Riverside Business Park", "Northgate Industrial Estate", "Enterprise Park", "Westfield Trading Estate", "Orbital Park",
        "Meadow Lane Industrial Estate", "Brunel Business Centre", "Canal Side Works", "Airport Business Park", "Station Yard",
    ];

    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a name for a new firm, unique among the names made so far.</summary>
    public CompanyName Create(SeededRandom rng, SicSection section, string town, int size, bool foreignOwned)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stemKind = rng.NextDouble();
            string stem;
            var surnameStem = false;
            if (stemKind < 0.45)
            {
                // A retry draws from the whole list, not by frequency: common surnames collide first.
                stem = PersonNames.Surnames[attempt == 0 ? PersonNames.PickSurname(rng) : rng.NextInt(PersonNames.Surnames.Length)];
                surnameStem = true;
            }
            else if (stemKind < 0.70)
            {
                stem = town;
            }
            else
            {
                stem = Descriptors[rng.NextInt(Descriptors.Length)];
            }

            var word = section.Words[rng.NextInt(section.Words.Length)];
            var qualifier = rng.Chance(attempt == 0 ? 0.2 : 0.6) ? Qualifiers[rng.NextInt(Qualifiers.Length)] : null;
            var legal = PickLegalForm(rng, section, size, surnameStem, foreignOwned);
            var name = Compose(stem, word, qualifier, legal);
            if (attempt > 8)
            {
                // Keeps names unique however large the register: a distinguishing number as on the register.
                name = Compose(stem, word, qualifier + " " + (attempt - 7).ToString(System.Globalization.CultureInfo.InvariantCulture), legal);
            }

            if (_taken.Add(name))
            {
                return new CompanyName(stem, word, qualifier, legal, name);
            }
        }
    }

    /// <summary>
    /// A distinct firm whose name looks like <paramref name="original"/>: the same stem and word
    /// with a qualifier added, removed or swapped ("Smith Plumbing Ltd" / "Smith Plumbing Services Ltd").
    /// </summary>
    public CompanyName? CreateLookAlike(SeededRandom rng, CompanyName original)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            string? qualifier = original.Qualifier is null || rng.Chance(0.3)
                ? Qualifiers[rng.NextInt(Qualifiers.Length)]
                : null;
            if (qualifier == original.Qualifier)
            {
                continue;
            }

            var name = Compose(original.Stem, original.Word, qualifier, original.LegalForm);
            if (_taken.Add(name))
            {
                return new CompanyName(original.Stem, original.Word, qualifier, original.LegalForm, name);
            }
        }

        return null;
    }

    /// <summary>A trading name different from the registered one ("Apex Digital", "The Harrow Bakery").</summary>
    public static string CreateTradingName(SeededRandom rng, SicSection section, string town, CompanyName registered)
    {
        var word = section.Words[rng.NextInt(section.Words.Length)];
        return rng.NextInt(3) switch
        {
            0 => $"{Descriptors[rng.NextInt(Descriptors.Length)]} {word}",
            1 => $"The {town} {word}",
            _ => $"{registered.Stem} {word} {(rng.Chance(0.5) ? "Direct" : "Centre")}",
        };
    }

    /// <summary>A registered-office street line, packed as (kind, number, street) for <see cref="FormatAddress"/>.</summary>
    public static int CreateAddress(SeededRandom rng, SicSection section)
    {
        var industrial = section.Code is "B" or "C" or "E" or "F" or "H";
        if (industrial && rng.Chance(0.6))
        {
            return (1 << 24) | (rng.NextInt(1, 40) << 8) | rng.NextInt(Estates.Length);
        }

        return (rng.NextInt(1, 250) << 8) | rng.NextInt(Streets.Length);
    }

    /// <summary>The street line of a packed address ("12 High Street", "Unit 4, Riverside Business Park").</summary>
    public static string FormatAddress(int code)
    {
        var number = (code >> 8) & 0xFFFF;
        var place = code & 0xFF;
        return (code >> 24) == 1
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Unit {number}, {Estates[place]}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{number} {Streets[place]}");
    }

    private static string PickLegalForm(SeededRandom rng, SicSection section, int size, bool surnameStem, bool foreignOwned)
    {
        if (size >= 250 && rng.Chance(0.5))
        {
            return "PLC";
        }

        if (section.Code is "M" or "K" && rng.Chance(0.25))
        {
            return "LLP";
        }

        var u = rng.NextDouble();
        if (surnameStem && u < 0.08)
        {
            return "& Sons Ltd";
        }

        if (surnameStem && u < 0.13)
        {
            return "and Co Limited";
        }

        if (foreignOwned && u < 0.3)
        {
            return "UK Limited";
        }

        return rng.Chance(0.65) ? "Ltd" : "Limited";
    }

    private static string Compose(string stem, string word, string? qualifier, string legal)
    {
        // "& Sons" and "and Co" follow the family name directly ("Smith & Sons Plumbing Ltd" reads wrong).
        if (legal.StartsWith("& Sons", StringComparison.Ordinal) || legal.StartsWith("and Co", StringComparison.Ordinal))
        {
            var parts = legal.Split(' ', 3);
            var tail = parts.Length > 2 ? parts[2] : string.Empty;
            return qualifier is null
                ? $"{stem} {parts[0]} {parts[1]} ({word}) {tail}"
                : $"{stem} {parts[0]} {parts[1]} ({word}) {qualifier} {tail}";
        }

        return qualifier is null ? $"{stem} {word} {legal}" : $"{stem} {word} {qualifier} {legal}";
    }
}
