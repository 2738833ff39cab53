namespace Adrn.Synthetic.Reference;

/// <summary>
/// Postcode areas of the UK with their main post town and ITL1 region. Districts are generated
/// (about 20 per area, numbered), except the central London areas whose districts carry a letter
/// (EC1A, WC2H) as real ones do. Weights are rough shares of businesses and people.
/// </summary>
internal static class UkGeography
{
    /// <summary>The 12 ITL1 regions in code order.</summary>
    public static readonly string[] Itl1Codes = ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK", "TLL", "TLM", "TLN"];

    /// <summary>Unit letters allowed in the inward code (no C I K M O V).</summary>
    public const string UnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

    // Code, town, ITL1, weight (rough share of population), district count.
    private static readonly (string Code, string Town, string Itl1, double Weight, int Districts)[] Raw =
    [
        ("AB", "Aberdeen", "TLM", 1.0, 20), ("AL", "St Albans", "TLH", 0.6, 10), ("B", "Birmingham", "TLG", 4.0, 40),
        ("BA", "Bath", "TLK", 0.8, 16), ("BB", "Blackburn", "TLD", 0.9, 12), ("BD", "Bradford", "TLE", 1.3, 24),
        ("BH", "Bournemouth", "TLK", 1.0, 25), ("BL", "Bolton", "TLD", 0.8, 9), ("BN", "Brighton", "TLJ", 2.0, 27),
        ("BR", "Bromley", "TLI", 0.7, 8), ("BS", "Bristol", "TLK", 2.0, 30), ("BT", "Belfast", "TLN", 3.0, 40),
        ("CA", "Carlisle", "TLD", 0.6, 28), ("CB", "Cambridge", "TLH", 1.0, 11), ("CF", "Cardiff", "TLL", 2.0, 30),
        ("CH", "Chester", "TLD", 1.3, 30), ("CM", "Chelmsford", "TLH", 1.7, 24), ("CO", "Colchester", "TLH", 0.9, 16),
        ("CR", "Croydon", "TLI", 0.9, 9), ("CT", "Canterbury", "TLJ", 1.0, 21), ("CV", "Coventry", "TLG", 1.5, 37),
        ("CW", "Crewe", "TLD", 0.7, 12), ("DA", "Dartford", "TLJ", 1.0, 18), ("DD", "Dundee", "TLM", 0.7, 11),
        ("DE", "Derby", "TLF", 1.6, 75), ("DG", "Dumfries", "TLM", 0.3, 16), ("DH", "Durham", "TLC", 0.9, 9),
        ("DL", "Darlington", "TLC", 0.9, 17), ("DN", "Doncaster", "TLE", 1.9, 41), ("DT", "Dorchester", "TLK", 0.5, 11),
        ("DY", "Dudley", "TLG", 1.1, 14), ("E", "London", "TLI", 2.5, 18), ("EC", "London", "TLI", 1.2, 0),
        ("EH", "Edinburgh", "TLM", 2.0, 55), ("EN", "Enfield", "TLI", 0.8, 11), ("EX", "Exeter", "TLK", 1.3, 39),
        ("FK", "Falkirk", "TLM", 0.8, 21), ("FY", "Blackpool", "TLD", 0.6, 8), ("G", "Glasgow", "TLM", 3.0, 84),
        ("GL", "Gloucester", "TLK", 1.3, 56), ("GU", "Guildford", "TLJ", 2.3, 52), ("HA", "Harrow", "TLI", 1.0, 9),
        ("HD", "Huddersfield", "TLE", 0.7, 9), ("HG", "Harrogate", "TLE", 0.4, 5), ("HP", "Hemel Hempstead", "TLH", 1.2, 23),
        ("HR", "Hereford", "TLG", 0.5, 9), ("HS", "Stornoway", "TLM", 0.05, 9), ("HU", "Hull", "TLE", 1.1, 20),
        ("HX", "Halifax", "TLE", 0.5, 7), ("IG", "Ilford", "TLI", 0.8, 11), ("IP", "Ipswich", "TLH", 1.4, 33),
        ("IV", "Inverness", "TLM", 0.5, 56), ("KA", "Kilmarnock", "TLM", 0.9, 30), ("KT", "Kingston upon Thames", "TLI", 1.3, 24),
        ("KW", "Kirkwall", "TLM", 0.1, 17), ("KY", "Kirkcaldy", "TLM", 0.8, 16), ("L", "Liverpool", "TLD", 2.5, 40),
        ("LA", "Lancaster", "TLD", 0.8, 23), ("LD", "Llandrindod Wells", "TLL", 0.1, 8), ("LE", "Leicester", "TLF", 2.0, 67),
        ("LL", "Llandudno", "TLL", 1.1, 78), ("LN", "Lincoln", "TLF", 0.8, 13), ("LS", "Leeds", "TLE", 2.5, 29),
        ("LU", "Luton", "TLH", 0.8, 7), ("M", "Manchester", "TLD", 3.5, 50), ("ME", "Rochester", "TLJ", 1.3, 20),
        ("MK", "Milton Keynes", "TLJ", 1.4, 46), ("ML", "Motherwell", "TLM", 0.8, 12), ("N", "London", "TLI", 2.0, 22),
        ("NE", "Newcastle upon Tyne", "TLC", 2.5, 71), ("NG", "Nottingham", "TLF", 2.6, 34), ("NN", "Northampton", "TLF", 1.5, 18),
        ("NP", "Newport", "TLL", 1.0, 26), ("NR", "Norwich", "TLH", 1.6, 35), ("NW", "London", "TLI", 1.7, 11),
        ("OL", "Oldham", "TLD", 1.0, 16), ("OX", "Oxford", "TLJ", 1.7, 29), ("PA", "Paisley", "TLM", 0.8, 80),
        ("PE", "Peterborough", "TLH", 2.2, 38), ("PH", "Perth", "TLM", 0.5, 50), ("PL", "Plymouth", "TLK", 1.5, 35),
        ("PO", "Portsmouth", "TLJ", 2.3, 41), ("PR", "Preston", "TLD", 1.4, 26), ("RG", "Reading", "TLJ", 2.3, 45),
        ("RH", "Redhill", "TLJ", 1.4, 20), ("RM", "Romford", "TLI", 1.3, 20), ("S", "Sheffield", "TLE", 3.0, 81),
        ("SA", "Swansea", "TLL", 1.8, 73), ("SE", "London", "TLI", 3.0, 28), ("SG", "Stevenage", "TLH", 1.1, 19),
        ("SK", "Stockport", "TLD", 1.5, 23), ("SL", "Slough", "TLJ", 1.1, 9), ("SM", "Sutton", "TLI", 0.5, 7),
        ("SN", "Swindon", "TLK", 1.3, 26), ("SO", "Southampton", "TLJ", 1.7, 53), ("SP", "Salisbury", "TLK", 0.6, 11),
        ("SR", "Sunderland", "TLC", 0.8, 9), ("SS", "Southend-on-Sea", "TLH", 1.1, 17), ("ST", "Stoke-on-Trent", "TLG", 1.8, 21),
        ("SW", "London", "TLI", 3.0, 20), ("SY", "Shrewsbury", "TLG", 0.8, 25), ("TA", "Taunton", "TLK", 0.8, 24),
        ("TD", "Galashiels", "TLM", 0.3, 15), ("TF", "Telford", "TLG", 0.6, 13), ("TN", "Tonbridge", "TLJ", 1.8, 40),
        ("TQ", "Torquay", "TLK", 0.7, 14), ("TR", "Truro", "TLK", 0.8, 27), ("TS", "Middlesbrough", "TLC", 1.7, 29),
        ("TW", "Twickenham", "TLI", 1.2, 20), ("UB", "Southall", "TLI", 0.9, 11), ("W", "London", "TLI", 2.3, 14),
        ("WA", "Warrington", "TLD", 1.3, 16), ("WC", "London", "TLI", 0.8, 0), ("WD", "Watford", "TLH", 0.8, 25),
        ("WF", "Wakefield", "TLE", 1.3, 17), ("WN", "Wigan", "TLD", 0.9, 8), ("WR", "Worcester", "TLG", 0.8, 15),
        ("WS", "Walsall", "TLG", 1.0, 15), ("WV", "Wolverhampton", "TLG", 1.1, 16), ("YO", "York", "TLE", 1.4, 62),
        ("ZE", "Lerwick", "TLM", 0.05, 3),
    ];

    /// <summary>Every postcode area, in a fixed order.</summary>
    public static readonly PostcodeArea[] Areas = Raw.Select(a => new PostcodeArea(a.Code, a.Town, a.Itl1, a.Weight, DistrictsOf(a.Code, a.Districts))).ToArray();

    /// <summary>Prefix sums of the area weights, for weighted picks.</summary>
    public static readonly double[] AreaCumulative = Randomness.SeededRandom.Cumulative(Areas.Select(a => a.Weight).ToArray());

    /// <summary>Indices of the areas in each ITL1 region (index into <see cref="Itl1Codes"/>).</summary>
    public static readonly int[][] AreasByRegion = Itl1Codes
        .Select(r => Enumerable.Range(0, Areas.Length).Where(i => Areas[i].Itl1 == r).ToArray())
        .ToArray();

    /// <summary>Index of an ITL1 code in <see cref="Itl1Codes"/>.</summary>
    public static int RegionIndex(string itl1) => Array.IndexOf(Itl1Codes, itl1);

    private static string[] DistrictsOf(string code, int count)
    {
        // NOTE: real districts are numbered per area (sometimes beyond 20); central London areas
        // use a digit plus a letter (EC1A), which exercises the A9A / AA9A postcode forms.
        if (code == "EC")
        {
            return ["1A", "1M", "1N", "1R", "1V", "1Y", "2A", "2M", "2N", "2R", "2V", "2Y", "3A", "3M", "3N", "3R", "3V", "4A", "4M", "4N", "4R", "4V", "4Y"];
        }

        if (code == "WC")
        {
            return ["1A", "1B", "1E", "1H", "1N", "1R", "1V", "1X", "2A", "2B", "2E", "2H", "2N", "2R"];
        }

        if (code == "W")
        {
            return ["1A", "1B", "1C", "1D", "1F", "1G", "1H", "1J", "1K", "1S", "1T", "1U", "1W", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"];
        }

        // About 20 districts per area: keep the real count's order of magnitude but cap it.
        var n = Math.Clamp(count, 3, 30);
        return Enumerable.Range(1, n).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
