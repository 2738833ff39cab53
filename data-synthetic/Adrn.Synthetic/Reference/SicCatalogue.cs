namespace Adrn.Synthetic.Reference;

/// <summary>SIC 2007 sections used by the generator (shares of firms loosely follow UK business counts).</summary>
internal static class SicCatalogue
{
    /// <summary>Every section A..U in code order.</summary>
    public static readonly SicSection[] Sections =
    [
        new("A", "Agriculture, forestry and fishing", 4.0, ["01", "02", "03"], ["Farms", "Farming", "Agriculture", "Nurseries", "Growers"], -0.35, -0.04, -0.5, 0.35),
        new("B", "Mining and quarrying", 0.2, ["05", "06", "07", "08", "09"], ["Quarries", "Aggregates", "Mining"], 0.60, 0.02, 0.8, 0.45),
        new("C", "Manufacturing", 8.0, ["10", "11", "13", "14", "16", "17", "18", "20", "22", "23", "25", "26", "27", "28", "29", "31", "32", "33"], ["Engineering", "Precision Engineering", "Manufacturing", "Fabrications", "Plastics", "Foods", "Print", "Components"], 0.10, 0.04, 1.4, 0.30),
        new("D", "Electricity and gas", 0.3, ["35"], ["Energy", "Power", "Renewables"], 0.70, 0.05, 0.0, 0.30),
        new("E", "Water and waste", 0.4, ["36", "37", "38", "39"], ["Waste Management", "Recycling", "Environmental"], 0.20, 0.00, 0.0, 0.40),
        new("F", "Construction", 14.0, ["41", "42", "43"], ["Building", "Construction", "Plumbing", "Roofing", "Electrical", "Joinery", "Builders"], 0.00, -0.03, -1.5, 0.35),
        new("G", "Wholesale and retail trade", 17.0, ["45", "46", "47"], ["Motors", "Trading", "Supplies", "Wholesale", "Stores", "Retail", "Distributors"], -0.10, 0.00, 0.2, 0.20),
        new("H", "Transport and storage", 4.0, ["49", "50", "51", "52", "53"], ["Logistics", "Haulage", "Transport", "Couriers", "Freight"], -0.05, -0.05, -0.3, 0.40),
        new("I", "Accommodation and food", 8.0, ["55", "56"], ["Catering", "Hospitality", "Restaurants", "Hotels", "Bakery", "Inns"], -0.60, -0.04, -2.0, 0.45),
        new("J", "Information and communication", 6.0, ["58", "59", "60", "61", "62", "63"], ["Software", "Digital", "Media", "Systems", "Technologies", "Data"], 0.40, 0.10, 0.7, 0.55),
        new("K", "Finance and insurance", 3.0, ["64", "65", "66"], ["Financial Services", "Capital", "Insurance", "Investments", "Wealth Management"], 0.55, 0.07, 0.3, 0.55),
        new("L", "Real estate", 4.0, ["68"], ["Properties", "Estates", "Lettings", "Property Management"], 0.30, 0.00, -1.5, 0.60),
        new("M", "Professional, scientific and technical", 13.0, ["69", "70", "71", "72", "73", "74", "75"], ["Consulting", "Associates", "Accountants", "Solicitors", "Architects", "Design", "Surveyors"], 0.15, 0.05, 0.3, 0.60),
        new("N", "Administrative and support", 7.0, ["77", "78", "79", "80", "81", "82"], ["Recruitment", "Cleaning Services", "Security", "Facilities", "Staffing"], -0.25, -0.02, -0.8, 0.55),
        new("O", "Public administration", 0.1, ["84"], ["Council Services", "Public Services"], 0.00, 0.00, -3.0, 0.60),
        new("P", "Education", 1.5, ["85"], ["Academy", "Tuition", "Training", "Learning"], -0.30, 0.02, -1.5, 0.65),
        new("Q", "Health and social work", 4.0, ["86", "87", "88"], ["Care", "Healthcare", "Dental Practice", "Care Homes", "Medical"], -0.35, 0.00, -2.5, 0.60),
        new("R", "Arts, entertainment and recreation", 2.0, ["90", "91", "92", "93"], ["Leisure", "Entertainment", "Fitness", "Arts"], -0.30, -0.03, -1.0, 0.45),
        new("S", "Other services", 4.0, ["94", "95", "96"], ["Hair and Beauty", "Repairs", "Dry Cleaners", "Services"], -0.50, -0.04, -1.5, 0.50),
        new("T", "Households as employers", 0.1, ["97", "98"], ["Domestic Services", "Household Staff"], -0.70, -0.05, -3.0, 0.70),
        new("U", "Extraterritorial organisations", 0.05, ["99"], ["International Mission", "Delegation"], 0.10, 0.00, -3.0, 0.60),
    ];

    /// <summary>Prefix sums of the section firm shares.</summary>
    public static readonly double[] Cumulative = Randomness.SeededRandom.Cumulative(Sections.Select(s => s.FirmShare).ToArray());
}
