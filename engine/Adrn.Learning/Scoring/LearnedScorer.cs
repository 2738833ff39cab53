using System.Text.Json;
using Adrn.Learning.Features;
using Adrn.Learning.Training;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Adrn.Learning.Scoring;

/// <summary>
/// A trained tree ensemble bound to prepared data: scores candidate pairs partition by partition through ML.NET's
/// batch API and calibrates the raw scores with <see cref="PlattCalibration"/>. Scores come back as a
/// <see cref="ScoredPairBatch"/> (match weight = log2 odds of the calibrated probability), so resolution, evaluation
/// and outputs work as for the Fellegi–Sunter model.
/// </summary>
public sealed class LearnedScorer
{
    /// <summary>File name of the ML.NET model.</summary>
    public const string ModelFileName = "learned-model.zip";

    /// <summary>File name of the metadata (features, labels, calibration).</summary>
    public const string MetadataFileName = "learned-model.json";

    /// <summary>Largest |match weight| reported (probabilities are clipped to 2^-40 .. 1 - 2^-40).</summary>
    public const double MaxWeight = 40;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly object _gate = new();

    internal LearnedScorer(MLContext ml, ITransformer model, DataViewSchema inputSchema, PairFeatureLayout layout, PlattCalibration calibration, LearnedModelMetadata metadata)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        Layout = layout;
        Calibration = calibration;
        Metadata = metadata;
    }

    /// <summary>The features.</summary>
    public PairFeatureLayout Layout { get; }

    /// <summary>The calibration of raw scores.</summary>
    public PlattCalibration Calibration { get; }

    /// <summary>Training metadata.</summary>
    public LearnedModelMetadata Metadata { get; }

    /// <summary>Calibrated match probabilities of the pairs of a matrix (one ML.NET batch).</summary>
    /// <param name="matrix">Pairs with features of this scorer's layout.</param>
    /// <returns>Probability per pair.</returns>
    public double[] Probabilities(PairFeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var raw = RawScores(matrix, null);
        var p = new double[raw.Length];
        for (var i = 0; i < raw.Length; i++) p[i] = Calibration.Probability(raw[i]);
        return p;
    }

    /// <summary>Raw ensemble scores of some rows of a matrix.</summary>
    internal double[] RawScores(PairFeatureMatrix matrix, int[]? rows)
    {
        if (matrix.FeatureCount != Layout.Count)
            throw new ArgumentException($"the matrix has {matrix.FeatureCount} features; this model expects {Layout.Count}", nameof(matrix));
        var view = new FeatureMatrixDataView(matrix, rows, null);
        var scores = new double[view.Count];
        // NOTE: one Transform per batch; the lock keeps concurrent partitions from sharing ML.NET mapper state, whose
        // thread safety the library does not document.
        lock (_gate)
        {
            var scored = _model.Transform(view);
            var column = scored.Schema["Score"];
            using var cursor = scored.GetRowCursor([column]);
            var getter = cursor.GetGetter<float>(column);
            float s = 0;
            var i = 0;
            while (cursor.MoveNext())
            {
                getter(ref s);
                scores[i++] = s;
            }
        }

        return scores;
    }

    /// <summary>Compares and scores every candidate pair of one partition, keeping those at or above <paramref name="minProbability"/>.</summary>
    /// <param name="partition">The partition (of a plan built on <see cref="PairFeatureLayout.Prepared"/>).</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <returns>The kept pairs in enumeration order, with gammas of every comparison.</returns>
    public ScoredPairBatch ScorePartition(BlockingPartition partition, double minProbability)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var writer = Layout.CreateWriter();
        writer.Bind(partition.Records);
        var matrix = new PairFeatureMatrix(Layout.Count, writer.ComparisonCount, (int)Math.Min(partition.PairUpperBound + 1, 1 << 16));
        var visitor = new MatrixVisitor(matrix, writer);
        partition.ForEachPair(ref visitor);
        return ToBatch(matrix, Probabilities(matrix), minProbability);
    }

    /// <summary>Scores every partition of a plan (features in parallel) and merges them in (source, id) order.</summary>
    /// <param name="plan">Blocking plan built on the bound prepared records.</param>
    /// <param name="minProbability">Pairs below this probability are dropped.</param>
    /// <param name="maxDegreeOfParallelism">Threads (-1 = default).</param>
    /// <returns>The merged batch.</returns>
    public ScoredPairBatch ScoreAll(BlockingPlan plan, double minProbability, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var batches = new ScoredPairBatch[plan.Partitions.Count];
        Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            p => batches[p] = ScorePartition(plan.Partitions[p], minProbability));
        return ScoredPairBatch.Merge(batches, Layout.Prepared.Records.IdRank, Layout.Comparisons.Count);
    }

    /// <summary>Builds a batch from scored matrix rows.</summary>
    internal static ScoredPairBatch ToBatch(PairFeatureMatrix matrix, double[] probability, double minProbability)
    {
        var k = matrix.ComparisonCount;
        var keep = 0;
        for (var i = 0; i < matrix.Count; i++) if (probability[i] >= minProbability) keep++;
        var left = new int[keep];
        var right = new int[keep];
        var weight = new double[keep];
        var prob = new double[keep];
        var gammas = new sbyte[keep * k];
        var rules = new sbyte[keep];
        var j = 0;
        for (var i = 0; i < matrix.Count; i++)
        {
            var p = probability[i];
            if (p < minProbability) continue;
            left[j] = matrix.Left[i];
            right[j] = matrix.Right[i];
            prob[j] = p;
            weight[j] = WeightOf(p);
            rules[j] = matrix.Rules[i];
            Array.Copy(matrix.Gammas, i * k, gammas, j * k, k);
            j++;
        }

        return new ScoredPairBatch(k, left, right, weight, prob, gammas, rules, keep);
    }

    /// <summary>log2 odds of a probability, clipped to ±<see cref="MaxWeight"/>.</summary>
    /// <param name="probability">Probability.</param>
    /// <returns>The match weight.</returns>
    public static double WeightOf(double probability)
    {
        if (probability <= 0) return -MaxWeight;
        if (probability >= 1) return MaxWeight;
        return Math.Clamp(Math.Log2(probability / (1 - probability)), -MaxWeight, MaxWeight);
    }

    /// <summary>Writes <c>learned-model.zip</c> and <c>learned-model.json</c> into a folder.</summary>
    /// <param name="directory">The folder (created if missing), normally the one holding <c>model.json</c>.</param>
    /// <returns>The two paths.</returns>
    public IReadOnlyList<string> Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var zip = Path.Combine(directory, ModelFileName);
        var json = Path.Combine(directory, MetadataFileName);
        _ml.Model.Save(_model, _inputSchema, zip);
        File.WriteAllText(json, JsonSerializer.Serialize(Metadata, Json));
        return [zip, json];
    }

    /// <summary>Loads a saved model and binds it to prepared data.</summary>
    /// <param name="directory">Folder holding <c>learned-model.zip</c> and <c>learned-model.json</c>.</param>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="comparisons">The job's comparisons (must match the model's, by name and order).</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="InvalidDataException">The files are missing or do not fit the job.</exception>
    public static LearnedScorer Load(string directory, PreparedLinkage prepared, ComparisonSet comparisons)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        var zip = Path.Combine(directory, ModelFileName);
        var json = Path.Combine(directory, MetadataFileName);
        if (!File.Exists(zip) || !File.Exists(json))
            throw new InvalidDataException($"no learned model in '{directory}': expected {ModelFileName} and {MetadataFileName} (train one with 'adrn review compare' or LearnedModelTrainer)");
        var metadata = JsonSerializer.Deserialize<LearnedModelMetadata>(File.ReadAllText(json), Json)
                       ?? throw new InvalidDataException($"{json}: empty metadata");
        var names = comparisons.Configs.Select(c => c.Name).ToList();
        if (!names.SequenceEqual(metadata.Comparisons, StringComparer.Ordinal))
            throw new InvalidDataException($"{json}: the model was trained for comparisons [{string.Join(", ", metadata.Comparisons)}]; the job has [{string.Join(", ", names)}]");
        var layout = PairFeatureLayout.Create(prepared, comparisons, metadata.ExcludedComparisons);
        if (!layout.FeatureNames.SequenceEqual(metadata.Features, StringComparer.Ordinal))
            throw new InvalidDataException($"{json}: the model's features differ from those of the job's comparisons (levels changed?); retrain it");
        var ml = NewContext(metadata.Seed);
        var model = ml.Model.Load(zip, out var schema);
        return new LearnedScorer(ml, model, schema, layout, new PlattCalibration(metadata.PlattA, metadata.PlattB), metadata);
    }

    internal static MLContext NewContext(int seed)
    {
        var ml = new MLContext(seed);
        // Loading a saved model finds FastTree through the component catalog.
        ml.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryTrainer).Assembly);
        return ml;
    }

    /// <summary>Appends every candidate pair of a partition to a matrix.</summary>
    private readonly struct MatrixVisitor(PairFeatureMatrix matrix, PairFeatureWriter writer) : IPairVisitor
    {
        public void Visit(int left, int right, int rule) => matrix.Append(left, right, writer, rule);
    }
}
