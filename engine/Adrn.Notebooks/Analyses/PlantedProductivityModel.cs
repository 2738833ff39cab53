using System.Text.Json;

namespace Adrn.Notebooks.Analyses;

/// <summary>The productivity model planted by the synthetic generator (<c>dgp.json</c> → <c>productivity_model</c>).</summary>
/// <param name="Coefficients">Slope by regressor name as the firm panel names it (<c>management_score</c>, <c>exporter</c>, <c>foreign_owned</c>, <c>log_investment_per_worker</c>, <c>log_employment</c>, <c>log_age</c>, <c>mean_worker_skill</c>).</param>
/// <param name="ResidualSd">Standard deviation of the productivity error.</param>
public sealed record PlantedProductivityModel(IReadOnlyDictionary<string, double> Coefficients, double ResidualSd)
{
    private static readonly (string Dgp, string Panel)[] Names =
    [
        ("management", "management_score"), ("exporter", "exporter"), ("foreign_owned", "foreign_owned"),
        ("log_investment_per_worker", "log_investment_per_worker"), ("log_employment", "log_employment"),
        ("log_age", "log_age"), ("mean_worker_skill", "mean_worker_skill"),
    ];

    /// <summary>Reads the model from a <c>dgp.json</c> file.</summary>
    /// <param name="dgpPath">The file.</param>
    /// <exception cref="InvalidDataException">The file lacks <c>productivity_model</c> or one of its coefficients (the message names it).</exception>
    public static PlantedProductivityModel Load(string dgpPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dgpPath);
        using var doc = JsonDocument.Parse(File.ReadAllText(dgpPath));
        if (!doc.RootElement.TryGetProperty("productivity_model", out var model))
            throw new InvalidDataException($"{dgpPath}: no 'productivity_model' object.");
        var coefficients = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (dgp, panel) in Names)
        {
            coefficients[panel] = model.TryGetProperty(dgp, out var v) && v.ValueKind == JsonValueKind.Number
                ? v.GetDouble()
                : throw new InvalidDataException($"{dgpPath}: productivity_model.{dgp} is missing or not a number.");
        }

        var sd = model.TryGetProperty("residual_sd", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : double.NaN;
        return new PlantedProductivityModel(coefficients, sd);
    }
}
