using Adrn.Learning.Training;

namespace Adrn.Learning.Tests;

public sealed class PlattCalibrationSpec
{
    [Fact]
    public void Fit_recovers_the_parameters_that_generated_the_labels()
    {
        // Labels drawn from P(match | s) = 1 / (1 + exp(A s + B)) with A = -1.5, B = 0.4: the generating values are
        // the reference. Platt's target smoothing biases the fit by O(1/n), far below the tolerance at n = 40,000.
        const double a = -1.5, b = 0.4;
        var rng = new Random(12345);
        var n = 40_000;
        var scores = new double[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            scores[i] = rng.NextDouble() * 8 - 4;
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(a * scores[i] + b));
        }

        var fit = PlattCalibration.Fit(scores, labels);

        Assert.Equal(a, fit.A, 0.08);
        Assert.Equal(b, fit.B, 0.08);
        Assert.Equal(1 / (1 + Math.Exp(a * 2 + b)), fit.Probability(2), 0.02);
    }

    [Fact]
    public void Fit_refuses_labels_of_one_class()
    {
        var ex = Assert.Throws<ArgumentException>(() => PlattCalibration.Fit([1.0, 2.0, 3.0], [true, true, true]));

        Assert.Contains("both matches and non-matches", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probability_is_finite_for_extreme_scores()
    {
        var c = new PlattCalibration(-3, 0);

        Assert.Equal(1.0, c.Probability(1e6), 12);
        Assert.Equal(0.0, c.Probability(-1e6), 12);
        Assert.Equal(0.5, c.Probability(0), 12);
    }
}
