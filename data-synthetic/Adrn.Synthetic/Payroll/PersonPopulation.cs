using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;

namespace Adrn.Synthetic.Payroll;

/// <summary>
/// The payroll persons as flat arrays (one slot per person) so that millions of persons take a few
/// tens of bytes each: names as indices, dates as day numbers, postcodes packed into ints.
/// </summary>
internal sealed class PersonPopulation
{
    /// <summary>Mean of the worker effect before skill and hours (log GBP a year).</summary>
    public const double WorkerEffectMean = 10.15;

    /// <summary>Worker effect per unit of skill (z-score).</summary>
    public const double WorkerEffectPerSkill = 0.35;

    /// <summary>Worker effect per year of age at the first year, up to 25 years past 18.</summary>
    public const double WorkerEffectPerYearOfAge = 0.012;

    /// <summary>Standard deviation of the worker effect's idiosyncratic part.</summary>
    public const double WorkerEffectNoiseSd = 0.10;

    public PersonPopulation(int count)
    {
        Count = count;
        Forename = new short[count];
        Surname = new short[count];
        Female = new bool[count];
        BirthDay = new int[count];
        Skill = new double[count];
        WorkerEffect = new double[count];
        Qualification = new byte[count];
        Soc = new byte[count];
        HoursTenths = new short[count];
        Home = new int[count];
        PreviousHome = new int[count];
    }

    public int Count { get; }
    public short[] Forename { get; }
    public short[] Surname { get; }
    public bool[] Female { get; }
    public int[] BirthDay { get; }

    /// <summary>Skill z-score, rounded to 6 decimals (as written to truth/persons).</summary>
    public double[] Skill { get; }

    /// <summary>AKM worker effect α (log annual pay points), rounded to 6 decimals.</summary>
    public double[] WorkerEffect { get; }
    public byte[] Qualification { get; }
    public byte[] Soc { get; }
    public short[] HoursTenths { get; }
    public int[] Home { get; }
    public int[] PreviousHome { get; }

    /// <summary>Draws every person's own attributes (homes are set later, near the first employer).</summary>
    public static PersonPopulation Create(int count, int firstYear, SeededRandom rng)
    {
        var people = new PersonPopulation(count);
        for (var i = 0; i < count; i++)
        {
            people.DrawPerson(i, firstYear, rng);
        }

        return people;
    }

    /// <summary>Draws the attributes of person <paramref name="i"/>.</summary>
    public void DrawPerson(int i, int firstYear, SeededRandom rng)
    {
        var female = rng.Chance(0.5);
        Female[i] = female;
        Forename[i] = (short)PersonNames.PickForename(rng, female);
        Surname[i] = (short)PersonNames.PickSurname(rng);
        var age = rng.NextInt(18, 64);
        var birthYear = firstYear - age;
        var dayOfYear = rng.NextInt(DateTime.IsLeapYear(birthYear) ? 366 : 365);
        BirthDay[i] = new DateOnly(birthYear, 1, 1).DayNumber + dayOfYear;

        var skill = Math.Round(rng.NextNormal(), 6);
        Skill[i] = skill;
        Qualification[i] = (byte)Math.Clamp((int)Math.Round(3.5 + 1.6 * skill + rng.NextNormal(0, 1.0)), 0, 8);
        Soc[i] = (byte)Math.Clamp((int)Math.Round(5.0 - 1.6 * skill + rng.NextNormal(0, 1.4)), 1, 9);
        var fullTime = rng.Chance(0.75);
        var hours = fullTime ? Math.Clamp(rng.NextNormal(38.5, 2.5), 30, 50) : Math.Clamp(rng.NextNormal(20, 6), 6, 29.9);
        HoursTenths[i] = (short)Math.Round(hours * 10);

        // Hours are constant per person, so log(hours) belongs to the worker effect (AKM stays exact).
        var alpha = WorkerEffectMean + WorkerEffectPerSkill * skill + WorkerEffectPerYearOfAge * Math.Min(age - 18, 25)
            + Math.Log(HoursTenths[i] / 375.0) + rng.NextNormal(0, WorkerEffectNoiseSd);
        WorkerEffect[i] = Math.Round(alpha, 6);
    }

    /// <summary>Sets current and previous home postcodes near the area of the first job.</summary>
    public void PlaceHomes(int[] employerOf, Register.Firm[] firms, SeededRandom rng)
    {
        for (var i = 0; i < Count; i++)
        {
            var workArea = firms[employerOf[i]].Area;
            var u = rng.NextDouble();
            int area;
            if (u < 0.75)
            {
                area = workArea;
            }
            else if (u < 0.9)
            {
                var regionAreas = UkGeography.AreasByRegion[UkGeography.RegionIndex(UkGeography.Areas[workArea].Itl1)];
                area = regionAreas[rng.NextInt(regionAreas.Length)];
            }
            else
            {
                area = rng.PickCumulative(UkGeography.AreaCumulative);
            }

            var home = Postcode.RandomIn(rng, area);
            Home[i] = home;
            var v = rng.NextDouble();
            var previous = v < 0.5
                ? Postcode.RandomIn(rng, area, Postcode.District(home))
                : v < 0.8 ? Postcode.RandomIn(rng, area) : Postcode.RandomIn(rng, rng.PickCumulative(UkGeography.AreaCumulative));
            PreviousHome[i] = previous == home ? Postcode.WrongUnit(rng, home) : previous;
        }
    }
}
