using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic.Reference;

/// <summary>
/// Embedded UK name lists in rough frequency order with Zipf-like weights, so common names
/// (Smith, Jones; Oliver, Olivia) are much more frequent than rare ones, as term-frequency
/// adjustments in linkage expect. A long tail of compound surnames (Ashworth, Blackmore) keeps
/// most surnames rare, as in the real population.
/// </summary>
internal static class PersonNames
{
    /// <summary>Common UK surnames, most frequent first.</summary>
    public static readonly string[] CommonSurnames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
        "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
        "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
        "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
        "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
        "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight",
        "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
        "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart",
        "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West",
        "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien",
        "Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis", "Rees",
        "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe",
        "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland",
        "Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver", "Reed", "Kennedy", "Williamson", "Bird",
        "Gardner", "Shah", "Dean", "Lane", "Cooke", "Bates", "Henderson", "Parry", "Burgess", "Bishop",
        "Walton", "Burns", "Nicholson", "Shepherd", "Ross", "Cross", "Long", "Freeman", "Warren", "Nicholls",
        "Hamilton", "Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson", "Curtis", "Hopkins", "O'Connor",
        "Harper", "Coleman", "Watkins", "Moss", "McCarthy", "Chambers", "Griffin", "Sharp", "Hardy", "Wheeler",
        "Potter", "Osborne", "Johnston", "Gordon", "Doyle", "Wallace", "George", "Jordan", "Hutchinson", "Rowe",
        "Burke", "May", "Pritchard", "Gilbert", "Willis", "Higgins", "Read", "Miles", "Stevenson", "Stephenson",
        "Hammond", "Arnold", "Buckley", "Walters", "Hewitt", "Barber", "Nelson", "Slater", "Austin", "Sullivan",
        "Whitehead", "Mann", "Frost", "Lambert", "Stephens", "Blake", "Akhtar", "Lynch", "Goodwin", "Barton",
        "Woodward", "Thomson", "Cunningham", "Quinn", "Barnett", "Baxter", "Bibi", "Clayton", "Nash", "Greenwood",
        "Jennings", "Holt", "Kemp", "Poole", "Gallagher", "Bond", "Stokes", "Tucker", "Davidson", "Fowler",
        "Heath", "Norman", "Middleton", "Lawson", "Banks", "French", "Stanley", "Jarvis", "Gibbs", "Ferguson",
    ];

    private static readonly string[] SurnameStarts =
    [
        "Ash", "Black", "Brad", "Brook", "Bur", "Cald", "Cran", "Dal", "Elm", "Fair", "Gold", "Green", "Hales",
        "Hart", "Hol", "Kings", "Lang", "Lock", "Mar", "Mid", "Nor", "Oak", "Pen", "Rad", "Red", "Rid", "Shel",
        "South", "Stan", "Sum", "Thorn", "Wal", "West", "Whit", "Wind", "Wool", "Hay", "Cas", "Brom", "Ald",
    ];

    private static readonly string[] SurnameEnds =
    [
        "worth", "more", "shaw", "ford", "ley", "ton", "field", "wood", "well", "bury", "by", "dale", "hurst",
        "wick", "combe", "stone", "bridge", "ham", "man", "low", "thorpe", "cliffe", "gate", "land", "den",
        "hill", "sworth", "brook",
    ];

    /// <summary>Male forenames, most frequent first.</summary>
    public static readonly string[] MaleForenames =
    [
        "David", "John", "Michael", "Paul", "Andrew", "James", "Mark", "Richard", "Robert", "Peter",
        "Christopher", "Stephen", "Daniel", "Thomas", "Matthew", "William", "Ian", "Steven", "Simon", "Gary",
        "Anthony", "Martin", "Kevin", "Jonathan", "Alan", "Lee", "Jason", "Adam", "Darren", "Neil",
        "Benjamin", "Samuel", "Joseph", "Craig", "Stuart", "Graham", "Kenneth", "Brian", "Philip", "Colin",
        "Oliver", "Jack", "Harry", "George", "Charlie", "Jacob", "Alexander", "Ryan", "Luke", "Liam",
        "Nathan", "Edward", "Jamie", "Scott", "Carl", "Shaun", "Dean", "Wayne", "Keith", "Barry",
        "Nicholas", "Timothy", "Patrick", "Sean", "Gareth", "Rhys", "Dylan", "Callum", "Connor", "Kieran",
        "Mohammed", "Muhammad", "Ali", "Omar", "Hassan", "Raj", "Sanjay", "Arjun", "Piotr", "Tomasz",
        "Gordon", "Malcolm", "Derek", "Trevor", "Roger", "Nigel", "Graeme", "Russell", "Ross", "Aaron",
        "Joshua", "Ethan", "Noah", "Leo", "Oscar", "Archie", "Henry", "Frederick", "Theo", "Max",
    ];

    /// <summary>Female forenames, most frequent first.</summary>
    public static readonly string[] FemaleForenames =
    [
        "Sarah", "Claire", "Emma", "Nicola", "Julie", "Karen", "Susan", "Helen", "Elizabeth", "Rachel",
        "Louise", "Michelle", "Lisa", "Jennifer", "Laura", "Rebecca", "Katherine", "Joanne", "Victoria", "Amanda",
        "Margaret", "Patricia", "Deborah", "Jacqueline", "Alison", "Catherine", "Caroline", "Samantha", "Kelly", "Hannah",
        "Sophie", "Charlotte", "Emily", "Jessica", "Amy", "Lucy", "Olivia", "Amelia", "Isla", "Ava",
        "Mia", "Grace", "Chloe", "Ella", "Lily", "Ruby", "Megan", "Lauren", "Holly", "Gemma",
        "Kirsty", "Donna", "Tracey", "Dawn", "Angela", "Christine", "Janet", "Anne", "Mary", "Jane",
        "Fiona", "Gillian", "Lynn", "Paula", "Joanna", "Natalie", "Stephanie", "Danielle", "Zoe", "Jade",
        "Fatima", "Aisha", "Ayesha", "Priya", "Sunita", "Anna", "Agnieszka", "Katarzyna", "Siobhan", "Bethan",
        "Rhiannon", "Eleanor", "Abigail", "Alice", "Freya", "Isabella", "Poppy", "Evie", "Florence", "Phoebe",
        "Rosie", "Maria", "Sandra", "Carol", "Diane", "Wendy", "Sharon", "Teresa", "Beverley", "Kathleen",
    ];

    /// <summary>Forename → nicknames a person may report instead (Robert → Bob).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Nicknames = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Robert"] = ["Bob", "Rob", "Robbie"], ["William"] = ["Bill", "Will", "Billy"], ["Richard"] = ["Rick", "Dick", "Rich"],
        ["James"] = ["Jim", "Jimmy", "Jamie"], ["John"] = ["Jack", "Johnny"], ["Michael"] = ["Mike", "Mick"],
        ["Christopher"] = ["Chris"], ["Stephen"] = ["Steve"], ["Steven"] = ["Steve"], ["Daniel"] = ["Dan", "Danny"],
        ["Thomas"] = ["Tom", "Tommy"], ["Matthew"] = ["Matt"], ["Anthony"] = ["Tony"], ["Andrew"] = ["Andy", "Drew"],
        ["Jonathan"] = ["Jon"], ["Benjamin"] = ["Ben"], ["Samuel"] = ["Sam"], ["Joseph"] = ["Joe"], ["Kenneth"] = ["Ken"],
        ["Philip"] = ["Phil"], ["Alexander"] = ["Alex"], ["Edward"] = ["Ed", "Ted", "Eddie"], ["Nicholas"] = ["Nick"],
        ["Timothy"] = ["Tim"], ["Patrick"] = ["Pat"], ["Frederick"] = ["Fred", "Freddie"], ["Peter"] = ["Pete"],
        ["David"] = ["Dave"], ["Henry"] = ["Harry"], ["Joshua"] = ["Josh"], ["Malcolm"] = ["Mal"], ["Derek"] = ["Del"],
        ["Elizabeth"] = ["Liz", "Beth", "Lizzie"], ["Margaret"] = ["Maggie", "Peggy"], ["Katherine"] = ["Kate", "Kathy"],
        ["Catherine"] = ["Cathy", "Kate"], ["Jennifer"] = ["Jenny", "Jen"], ["Rebecca"] = ["Becky", "Becca"],
        ["Victoria"] = ["Vicky", "Tori"], ["Samantha"] = ["Sam", "Sammy"], ["Patricia"] = ["Pat", "Trish"],
        ["Deborah"] = ["Debbie", "Deb"], ["Jacqueline"] = ["Jackie"], ["Susan"] = ["Sue", "Susie"], ["Amanda"] = ["Mandy"],
        ["Charlotte"] = ["Charlie", "Lottie"], ["Abigail"] = ["Abbie"], ["Eleanor"] = ["Ellie", "Nell"], ["Isabella"] = ["Bella", "Izzy"],
        ["Florence"] = ["Flo"], ["Kathleen"] = ["Kath"], ["Christine"] = ["Chris"], ["Stephanie"] = ["Steph"],
        ["Gillian"] = ["Gill"], ["Joanne"] = ["Jo"], ["Joanna"] = ["Jo"], ["Alison"] = ["Ali"], ["Natalie"] = ["Nat"],
    };

    /// <summary>All surnames: the common list followed by the compound tail.</summary>
    public static readonly string[] Surnames = BuildSurnames();

    /// <summary>Prefix sums of Zipf-like surname weights.</summary>
    public static readonly double[] SurnameCumulative = BuildSurnameCumulative();

    /// <summary>Prefix sums of Zipf-like male forename weights.</summary>
    public static readonly double[] MaleCumulative = Zipf(MaleForenames.Length, 4.0);

    /// <summary>Prefix sums of Zipf-like female forename weights.</summary>
    public static readonly double[] FemaleCumulative = Zipf(FemaleForenames.Length, 4.0);

    /// <summary>Draws a surname index.</summary>
    public static int PickSurname(SeededRandom rng) => rng.PickCumulative(SurnameCumulative);

    /// <summary>Draws a forename index for the given sex.</summary>
    public static int PickForename(SeededRandom rng, bool female) =>
        rng.PickCumulative(female ? FemaleCumulative : MaleCumulative);

    /// <summary>The forename at an index for the given sex.</summary>
    public static string Forename(int index, bool female) => female ? FemaleForenames[index] : MaleForenames[index];

    private static string[] BuildSurnames()
    {
        var list = new List<string>(CommonSurnames);
        var seen = new HashSet<string>(CommonSurnames, StringComparer.Ordinal);
        foreach (var start in SurnameStarts)
        {
            foreach (var end in SurnameEnds)
            {
                var name = start + end;
                if (seen.Add(name))
                {
                    list.Add(name);
                }
            }
        }

        return list.ToArray();
    }

    private static double[] BuildSurnameCumulative()
    {
        // NOTE: weights 1/(rank+15) over the common list give Smith about 1.4% of people as in
        // England and Wales; the compound tail shares about a third of people, each name rare.
        var weights = new double[Surnames.Length];
        var commonTotal = 0.0;
        for (var i = 0; i < CommonSurnames.Length; i++)
        {
            weights[i] = 1.0 / (i + 15);
            commonTotal += weights[i];
        }

        var tailCount = Surnames.Length - CommonSurnames.Length;
        var tailShare = 0.35;
        for (var i = CommonSurnames.Length; i < Surnames.Length; i++)
        {
            weights[i] = commonTotal * tailShare / (1 - tailShare) / tailCount;
        }

        return SeededRandom.Cumulative(weights);
    }

    private static double[] Zipf(int count, double offset)
    {
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            weights[i] = 1.0 / (i + offset);
        }

        return SeededRandom.Cumulative(weights);
    }
}
