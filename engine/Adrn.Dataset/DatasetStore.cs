using System.Text.Json;
using System.Text.RegularExpressions;
using Adrn.Dataset.Catalog;
using Adrn.Dataset.Linking;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Store;
using Adrn.Engine.Hosting;

namespace Adrn.Dataset;

/// <summary>
/// A persistent linked dataset (docs/dataset.md): entity spines with stable ids, the ledger of every record of every wave
/// (entity, probability, rule, model), versions committed atomically, and releases for researchers. One folder holds the
/// files and, by default, the SQLite catalog; the catalog may live in PostgreSQL instead. Operations that change the store
/// take its lock; reading operations work on the head version as it was when they started.
/// </summary>
public sealed partial class DatasetStore : IDisposable
{
    /// <summary>Environment variable read for the PostgreSQL catalog connection when none is passed.</summary>
    public const string CatalogConnectionVariable = "ADRN_DATASET_CATALOG";

    private const int FormatVersion = 1;
    private static readonly JsonSerializerOptions StoreFileJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
    private readonly StoreLayout _layout;
    private readonly DatasetCatalog _catalog;
    private readonly ObjectStore _objects;
    private readonly Dictionary<string, DatasetSpec> _specs = new(StringComparer.Ordinal);

    private DatasetStore(StoreLayout layout, DatasetCatalog catalog, string storeId, string name)
    {
        _layout = layout;
        _catalog = catalog;
        _objects = new ObjectStore(layout);
        StoreId = storeId;
        Name = name;
    }

    /// <summary>The store's folder.</summary>
    public string Directory => _layout.Root;

    /// <summary>The store's identity (also its key in the catalog).</summary>
    public string StoreId { get; }

    /// <summary>The dataset's name (from the spec).</summary>
    public string Name { get; }

    /// <summary>Where the catalog lives (SQLite file or PostgreSQL), for messages.</summary>
    public string CatalogDescription => _catalog.Options.Describe();

    /// <summary>Threads a linkage run may use (default: the processor count).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The head version number.</summary>
    public long HeadVersion => _catalog.Head(StoreId);

    /// <summary>The spec of the head version.</summary>
    public DatasetSpec Spec => SpecOf(ReadHead());

    /// <summary>
    /// Creates a store in <paramref name="storeDirectory"/> (new or empty) from a spec file: version 1, empty spines.
    /// </summary>
    /// <param name="specPath">The dataset spec (docs/dataset.md); its jobs are read and kept in the store.</param>
    /// <param name="storeDirectory">The store's folder.</param>
    /// <param name="catalogConnection">A PostgreSQL connection string for the catalog, or null for SQLite in the folder.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="DatasetSpecException">The spec is invalid (every problem listed).</exception>
    /// <exception cref="ArgumentException">The folder is not empty.</exception>
    public static DatasetStore Init(string specPath, string storeDirectory, string? catalogConnection = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeDirectory);
        var layout = new StoreLayout(storeDirectory);
        if (System.IO.Directory.Exists(layout.Root) && System.IO.Directory.EnumerateFileSystemEntries(layout.Root).Any())
        {
            throw new ArgumentException(File.Exists(layout.StoreFile)
                ? $"'{layout.Root}' is already a store; open it instead of initialising it again."
                : $"'{layout.Root}' exists and is not empty (an interrupted init leaves no store.json: remove the folder and run init again).");
        }

        var spec = DatasetSpec.Load(specPath);
        System.IO.Directory.CreateDirectory(layout.Root);
        var options = CatalogOptions(layout, catalogConnection, string.IsNullOrWhiteSpace(catalogConnection) ? "sqlite" : "postgresql");
        var storeId = Guid.NewGuid().ToString("N");
        var catalog = DatasetCatalog.Open(options);
        try
        {
            var objects = new ObjectStore(layout);
            var first = new StoreState
            {
                Version = 1,
                SpecObject = objects.PutText(spec.ToJson(), ".json"),
                Waves = [],
                Ledgers = [],
                Models = [],
                Spines = spec.Spines.Select(s => new SpineEntry(s.Name, null, 0, 1)).ToList(),
            };
            catalog.CreateStore(storeId, spec.Name, first, $"spec '{spec.Name}': spines {string.Join(", ", spec.Spines.Select(s => s.Name))}; sources {string.Join(", ", spec.Sources.Select(s => s.Name))}");
            // store.json last: a folder without it is not a store.
            var staged = layout.StoreFile + ".tmp";
            File.WriteAllText(staged, JsonSerializer.Serialize(new StoreFile(FormatVersion, storeId, spec.Name, options.Provider == JournalProvider.PostgreSql ? "postgresql" : "sqlite"), StoreFileJson));
            File.Move(staged, layout.StoreFile);
            return new DatasetStore(layout, catalog, storeId, spec.Name);
        }
        catch
        {
            catalog.Dispose();
            throw;
        }
    }

    /// <summary>Opens a store.</summary>
    /// <param name="storeDirectory">The store's folder.</param>
    /// <param name="catalogConnection">
    /// The PostgreSQL connection string when the store's catalog is in PostgreSQL (else read from
    /// <see cref="CatalogConnectionVariable"/>); ignored for a SQLite catalog.
    /// </param>
    /// <exception cref="ArgumentException">The folder is not a store, or its PostgreSQL catalog has no connection string.</exception>
    public static DatasetStore Open(string storeDirectory, string? catalogConnection = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storeDirectory);
        var layout = new StoreLayout(storeDirectory);
        if (!File.Exists(layout.StoreFile)) throw new ArgumentException($"'{layout.Root}' is not a dataset store (no store.json); create one with 'adrn dataset init'.");
        var file = JsonSerializer.Deserialize<StoreFile>(File.ReadAllText(layout.StoreFile), StoreFileJson)
                   ?? throw new InvalidDataException($"{layout.StoreFile} is empty.");
        if (file.Format > FormatVersion) throw new InvalidDataException($"{layout.StoreFile}: store format {file.Format} is newer than this adrn ({FormatVersion}).");
        var catalog = DatasetCatalog.Open(CatalogOptions(layout, catalogConnection, file.Catalog));
        if (catalog.Head(file.StoreId) == 0)
        {
            catalog.Dispose();
            throw new InvalidDataException($"the catalog ({catalog.Options.Describe()}) does not hold store {file.StoreId} of {layout.Root}.");
        }

        return new DatasetStore(layout, catalog, file.StoreId, file.Name);
    }

    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<VersionInfo> Versions() => _catalog.Versions(StoreId);

    /// <inheritdoc />
    public void Dispose() => _catalog.Dispose();

    internal StoreState ReadHead() => _catalog.Read(StoreId, _catalog.Head(StoreId));

    internal DatasetSpec SpecOf(StoreState state)
    {
        if (!_specs.TryGetValue(state.SpecObject, out var spec))
            _specs[state.SpecObject] = spec = DatasetSpec.Parse(_objects.ReadText(state.SpecObject), _layout.Root);
        return spec;
    }

    internal ObjectStore Objects => _objects;

    internal LinkingState LinkingStateOf(StoreState state, DatasetSpec spec)
    {
        var entries = spec.Spines.Select(spine => state.Spines.FirstOrDefault(s => s.Spine == spine.Name) ?? new SpineEntry(spine.Name, null, 0, 1)).ToList();
        var tables = new SpineTable[entries.Count];
        Parallel.For(0, tables.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism) },
            i => tables[i] = SpineTable.Load(spec.Spines[i], entries[i].SpineObject is null ? null : _objects.PathOf(entries[i].SpineObject!)));
        var spines = new Dictionary<string, SpineTable>(StringComparer.Ordinal);
        var minters = new Dictionary<string, EntityIdMinter>(StringComparer.Ordinal);
        for (var i = 0; i < tables.Length; i++)
        {
            spines[spec.Spines[i].Name] = tables[i];
            minters[spec.Spines[i].Name] = new EntityIdMinter(spec.Spines[i].IdPrefix, entries[i].NextId);
        }

        return new LinkingState(spec, spines, minters, [.. state.Models], RepresentativeValuesOf(state, spec), state.PreparedSpines);
    }

    /// <summary>The raw values of representatives, read from the input objects of a version's waves.</summary>
    internal RepresentativeValues RepresentativeValuesOf(StoreState state, DatasetSpec spec) =>
        new(spec, state.Waves.ToDictionary(w => (w.Source, w.Wave), w => _objects.PathOf(w.InputObject)));

    /// <summary>Deletes what an interrupted operation left (staging files, objects no version refers to). Holds the lock.</summary>
    private void CleanUp()
    {
        if (System.IO.Directory.Exists(_layout.Staging)) System.IO.Directory.Delete(_layout.Staging, recursive: true);
        _objects.Collect(_catalog.ReferencedObjects(StoreId));
    }

    private static JournalOptions CatalogOptions(StoreLayout layout, string? connection, string kind)
    {
        if (kind == "sqlite") return JournalOptions.ForSqliteFile(layout.CatalogFile);
        connection = string.IsNullOrWhiteSpace(connection) ? Environment.GetEnvironmentVariable(CatalogConnectionVariable) : connection;
        if (string.IsNullOrWhiteSpace(connection))
            throw new ArgumentException($"the store {layout.Root} keeps its catalog in PostgreSQL: give --catalog-connection or set {CatalogConnectionVariable}.");
        return JournalOptions.ForPostgreSql(connection);
    }

    private static void CheckWaveLabel(string wave)
    {
        if (!WaveLabel().IsMatch(wave))
            throw new ArgumentException($"wave label '{wave}' must be 1 to 64 letters, digits, '.', '_' or '-'.");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex WaveLabel();

    private sealed record StoreFile(int Format, string StoreId, string Name, string Catalog);
}
