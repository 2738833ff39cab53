using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adrn.Linkage.Model;

/// <summary>
/// A trained Fellegi–Sunter model in Splink's parameterisation: the prior probability that two random records
/// match (lambda) and, per comparison level, m = P(level | match) and u = P(level | non-match). Saved as
/// <c>model.json</c>; see <c>docs/outputs.md</c>.
/// </summary>
public sealed record MatchModel
{
    /// <summary>Current model file version.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Model file version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Link type the model was trained for (snake_case).</summary>
    public required string LinkType { get; init; }

    /// <summary>Lambda: probability that two random records match.</summary>
    public required double ProbabilityTwoRandomRecordsMatch { get; init; }

    /// <summary>Term-frequency adjustment lower bound on a value's frequency.</summary>
    public double TfMinimumU { get; init; }

    /// <summary>Term-frequency adjustment multiplier.</summary>
    public double TfWeight { get; init; } = 1.0;

    /// <summary>Comparisons in gamma-vector order.</summary>
    public required IReadOnlyList<ComparisonParameters> Comparisons { get; init; }

    /// <summary>Training steps and their convergence logs.</summary>
    public IReadOnlyList<TrainingRoundLog> Training { get; init; } = [];

    /// <summary>Prior match weight log2(lambda / (1 - lambda)).</summary>
    [JsonIgnore]
    public double PriorMatchWeight => Math.Log2(ProbabilityTwoRandomRecordsMatch / (1 - ProbabilityTwoRandomRecordsMatch));

    /// <summary>The model as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a model from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">Not a model, or a newer version.</exception>
    public static MatchModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        MatchModel? model;
        try
        {
            model = JsonSerializer.Deserialize<MatchModel>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not a valid model file: {ex.Message}", ex);
        }

        if (model is null) throw new InvalidDataException("not a valid model file: empty");
        if (model.Version > CurrentVersion)
            throw new InvalidDataException($"model version {model.Version} is newer than this engine supports ({CurrentVersion})");
        return model;
    }

    /// <summary>Writes <c>model.json</c>.</summary>
    /// <param name="path">Destination path.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, ToJson());
    }

    /// <summary>Reads a model file.</summary>
    /// <param name="path">Path of a <c>model.json</c>.</param>
    /// <returns>The model.</returns>
    public static MatchModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return FromJson(File.ReadAllText(path));
    }
}
