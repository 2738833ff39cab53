using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Payroll;

/// <summary>
/// Matches workers to jobs with assortative sorting: workers ranked by
/// ρ·skill + √(1−ρ²)·noise fill job slots ranked by the firm wage effect. Firm sizes stay exactly
/// at the register's employment every year because movers only exchange the slots they vacate.
/// </summary>
internal static class JobMatcher
{
    /// <summary>First-year assignment: every slot of every firm filled once.</summary>
    public static int[] InitialAssignment(Firm[] firms, double[] skill, double sorting, SeededRandom rng)
    {
        var persons = skill.Length;
        var slotFirm = new int[persons];
        var firmOrder = new int[firms.Length];
        var firmKeys = new double[firms.Length];
        for (var j = 0; j < firms.Length; j++)
        {
            firmOrder[j] = j;
            firmKeys[j] = firms[j].WageEffect;
        }

        Array.Sort(firmKeys, firmOrder);
        var k = 0;
        foreach (var j in firmOrder)
        {
            for (var s = 0; s < firms[j].Employment; s++)
            {
                slotFirm[k++] = j;
            }
        }

        var order = new int[persons];
        var keys = new double[persons];
        var spread = Math.Sqrt(1 - sorting * sorting);
        for (var i = 0; i < persons; i++)
        {
            order[i] = i;
            keys[i] = sorting * skill[i] + spread * rng.NextNormal();
        }

        Array.Sort(keys, order);
        var employerOf = new int[persons];
        for (var r = 0; r < persons; r++)
        {
            employerOf[order[r]] = slotFirm[r];
        }

        return employerOf;
    }

    /// <summary>
    /// One year's job moves: each person moves with probability <paramref name="moveRate"/>; movers
    /// exchange their vacated slots by the same sorting rule. Updates <paramref name="employerOf"/> and
    /// <paramref name="previousEmployer"/> and returns the number of persons whose employer changed.
    /// </summary>
    public static int Move(Firm[] firms, double[] skill, int[] employerOf, int[] previousEmployer, double moveRate, double sorting, SeededRandom rng)
    {
        var movers = new List<int>();
        for (var i = 0; i < employerOf.Length; i++)
        {
            if (rng.Chance(moveRate))
            {
                movers.Add(i);
            }
        }

        var n = movers.Count;
        if (n < 2)
        {
            return 0;
        }

        var slotFirm = new int[n];
        var slotKeys = new double[n];
        var moverOrder = new int[n];
        var moverKeys = new double[n];
        var spread = Math.Sqrt(1 - sorting * sorting);
        for (var m = 0; m < n; m++)
        {
            slotFirm[m] = employerOf[movers[m]];
            slotKeys[m] = firms[slotFirm[m]].WageEffect;
            moverOrder[m] = movers[m];
            moverKeys[m] = sorting * skill[movers[m]] + spread * rng.NextNormal();
        }

        Array.Sort(slotKeys, slotFirm);
        Array.Sort(moverKeys, moverOrder);

        // A mover matched back to their own firm swaps with a random other mover when that helps both.
        for (var r = 0; r < n; r++)
        {
            var person = moverOrder[r];
            if (slotFirm[r] != employerOf[person])
            {
                continue;
            }

            for (var attempt = 0; attempt < 8; attempt++)
            {
                var other = rng.NextInt(n);
                if (slotFirm[other] != employerOf[person] && slotFirm[r] != employerOf[moverOrder[other]])
                {
                    (slotFirm[r], slotFirm[other]) = (slotFirm[other], slotFirm[r]);
                    break;
                }
            }
        }

        var moved = 0;
        for (var r = 0; r < n; r++)
        {
            var person = moverOrder[r];
            if (slotFirm[r] != employerOf[person])
            {
                previousEmployer[person] = employerOf[person];
                employerOf[person] = slotFirm[r];
                moved++;
            }
        }

        return moved;
    }
}
