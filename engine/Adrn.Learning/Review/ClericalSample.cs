using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adrn.Learning.Review;

/// <summary>
/// Pairs chosen for clerical review and how they were chosen. Saved as <c>review-sample.json</c> beside the review sheet,
/// so imported decisions on a stratified sample can be turned into a precision estimate.
/// </summary>
public sealed record ClericalSample
{
    /// <summary>Manifest file name.</summary>
    public const string ManifestFileName = "review-sample.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>How the pairs were chosen.</summary>
    public required ClericalSampleStrategy Strategy { get; init; }

    /// <summary>Scorer whose probabilities chose the pairs (<c>fellegi-sunter</c> or <c>learned</c>).</summary>
    public required string Scorer { get; init; }

    /// <summary>Match-probability threshold of the links (stratified) or of the decision (uncertain).</summary>
    public required double Threshold { get; init; }

    /// <summary>Seed of the random draw.</summary>
    public required int Seed { get; init; }

    /// <summary>Probability bands with population and sample sizes (empty for uncertainty samples).</summary>
    public required IReadOnlyList<ProbabilityStratum> Strata { get; init; }

    /// <summary>The pairs, in review order.</summary>
    public required IReadOnlyList<ClericalSamplePair> Pairs { get; init; }

    /// <summary>Writes the manifest.</summary>
    /// <param name="path">Destination.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Reads a manifest.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The sample.</returns>
    /// <exception cref="InvalidDataException">The file is not a sample manifest.</exception>
    public static ClericalSample Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return JsonSerializer.Deserialize<ClericalSample>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty sample manifest");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a clerical sample manifest: {ex.Message}", ex);
        }
    }
}
