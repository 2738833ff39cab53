namespace Adrn.Stats.Estimation;

/// <summary>One row of a coefficient table.</summary>
/// <param name="Term">The regressor name, fixest style: <c>x1</c>, <c>log(x3)</c>, <c>region::TLD</c>, <c>x1:x2</c>, <c>(Intercept)</c>.</param>
/// <param name="Estimate">The coefficient.</param>
/// <param name="StdError">Its standard error under the chosen vcov.</param>
/// <param name="TStat">Estimate / StdError.</param>
/// <param name="PValue">Two-sided p-value from Student's t with the result's <see cref="RegressionResult.TDistributionDf"/>.</param>
/// <param name="CiLow">Lower bound of the confidence interval.</param>
/// <param name="CiHigh">Upper bound of the confidence interval.</param>
public sealed record CoefficientEstimate(string Term, double Estimate, double StdError, double TStat, double PValue, double CiLow, double CiHigh);
