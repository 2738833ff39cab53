using System.Data.Common;
using System.Globalization;
using Adrn.Engine.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Adrn.Dataset.Catalog;

/// <summary>
/// The store's catalog: which versions exist, which one is current (the head), and what each version holds (waves,
/// ledgers, models, spines). SQLite in the store folder by default, PostgreSQL on request — the same SQL on both, the
/// database given as the engine's <see cref="JournalOptions"/>. A version is committed in one transaction that also moves
/// the head, so a crash leaves either the old head or the new one, never a mix.
/// </summary>
internal sealed class DatasetCatalog : IDisposable
{
    // NOTE: every table carries store_id, so one PostgreSQL database can hold the catalogs of several stores.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS adrn_dataset_store (store_id TEXT PRIMARY KEY, name TEXT NOT NULL, created_utc TEXT NOT NULL, head BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS adrn_dataset_version (store_id TEXT NOT NULL, version BIGINT NOT NULL, parent BIGINT NOT NULL, operation TEXT NOT NULL,
            summary TEXT NOT NULL, created_utc TEXT NOT NULL, spec_object TEXT NOT NULL, PRIMARY KEY (store_id, version));
        CREATE TABLE IF NOT EXISTS adrn_dataset_wave (store_id TEXT NOT NULL, version BIGINT NOT NULL, source TEXT NOT NULL, wave TEXT NOT NULL,
            seq BIGINT NOT NULL, input_object TEXT NOT NULL, input_sha256 TEXT NOT NULL, input_name TEXT NOT NULL, rows_in BIGINT NOT NULL,
            records BIGINT NOT NULL, quarantined BIGINT NOT NULL, quarantine_object TEXT, PRIMARY KEY (store_id, version, source, wave));
        CREATE TABLE IF NOT EXISTS adrn_dataset_ledger (store_id TEXT NOT NULL, version BIGINT NOT NULL, source TEXT NOT NULL, wave TEXT NOT NULL,
            spine TEXT NOT NULL, ledger_object TEXT NOT NULL, records BIGINT NOT NULL, linked BIGINT NOT NULL, linked_within_wave BIGINT NOT NULL,
            minted BIGINT NOT NULL, unlinked BIGINT NOT NULL, mean_probability DOUBLE PRECISION, spine_entities_before BIGINT NOT NULL,
            PRIMARY KEY (store_id, version, source, wave, spine));
        CREATE TABLE IF NOT EXISTS adrn_dataset_model (store_id TEXT NOT NULL, version BIGINT NOT NULL, source TEXT NOT NULL, spine TEXT NOT NULL,
            kind TEXT NOT NULL, model_version BIGINT NOT NULL, model_object TEXT NOT NULL, trained_on_wave TEXT NOT NULL,
            PRIMARY KEY (store_id, version, source, spine, kind, model_version));
        CREATE TABLE IF NOT EXISTS adrn_dataset_spine (store_id TEXT NOT NULL, version BIGINT NOT NULL, spine TEXT NOT NULL, spine_object TEXT,
            entities BIGINT NOT NULL, next_id BIGINT NOT NULL, PRIMARY KEY (store_id, version, spine));
        CREATE TABLE IF NOT EXISTS adrn_dataset_prepared_spine (store_id TEXT NOT NULL, version BIGINT NOT NULL, source TEXT NOT NULL, spine TEXT NOT NULL,
            job_sha256 TEXT NOT NULL, prepared_object TEXT NOT NULL, records BIGINT NOT NULL, PRIMARY KEY (store_id, version, source, spine));
        """;

    private readonly DbConnection _connection;

    private DatasetCatalog(DbConnection connection, JournalOptions options)
    {
        _connection = connection;
        Options = options;
    }

    /// <summary>Where the catalog lives.</summary>
    public JournalOptions Options { get; }

    /// <summary>Opens the catalog database and creates its tables when missing.</summary>
    public static DatasetCatalog Open(JournalOptions options)
    {
        DbConnection connection = options.Provider == JournalProvider.PostgreSql
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        connection.Open();
        var catalog = new DatasetCatalog(connection, options);
        if (options.Provider == JournalProvider.Sqlite)
        {
            // A committed transaction survives the process; a killed one is rolled back from its journal on the next open.
            catalog.Execute("PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        }

        catalog.Execute(Schema);
        return catalog;
    }

    /// <summary>Creates a store's first version (<c>init</c>).</summary>
    /// <exception cref="InvalidOperationException">The catalog already has a store with this id.</exception>
    public void CreateStore(string storeId, string name, StoreState first, string summary)
    {
        using var tx = _connection.BeginTransaction();
        if (Scalar(tx, "SELECT COUNT(*) FROM adrn_dataset_store WHERE store_id = @s", ("s", storeId)) != 0)
            throw new InvalidOperationException($"the catalog ({Options.Describe()}) already holds a store with id {storeId}.");
        Execute(tx, "INSERT INTO adrn_dataset_store (store_id, name, created_utc, head) VALUES (@s, @n, @c, 0)", ("s", storeId), ("n", name), ("c", Now()));
        InsertVersion(tx, storeId, first, 0, "init", summary);
        Execute(tx, "UPDATE adrn_dataset_store SET head = @v WHERE store_id = @s", ("v", first.Version), ("s", storeId));
        tx.Commit();
    }

    /// <summary>
    /// Commits <paramref name="next"/> as the new head if the head is still <paramref name="parent"/>; runs
    /// <paramref name="beforeCommit"/> inside the transaction just before committing (a fault-test point).
    /// </summary>
    /// <exception cref="InvalidOperationException">The head moved (another writer committed first).</exception>
    public void Commit(string storeId, long parent, StoreState next, string operation, string summary, Action? beforeCommit = null)
    {
        using var tx = _connection.BeginTransaction();
        InsertVersion(tx, storeId, next, parent, operation, summary);
        var moved = Execute(tx, "UPDATE adrn_dataset_store SET head = @v WHERE store_id = @s AND head = @p", ("v", next.Version), ("s", storeId), ("p", parent));
        if (moved != 1)
        {
            tx.Rollback();
            throw new InvalidOperationException($"the store's head is no longer version {parent} (another process committed); run the command again.");
        }

        beforeCommit?.Invoke();
        tx.Commit();
    }

    /// <summary>The head version number, or 0 when the store is not in this catalog.</summary>
    public long Head(string storeId) => Scalar(null, "SELECT COALESCE(MAX(head), 0) FROM adrn_dataset_store WHERE store_id = @s", ("s", storeId));

    /// <summary>Reads a version's state.</summary>
    public StoreState Read(string storeId, long version)
    {
        var spec = Query(null, "SELECT spec_object FROM adrn_dataset_version WHERE store_id = @s AND version = @v", r => r.GetString(0), ("s", storeId), ("v", version));
        if (spec.Count == 0) throw new InvalidDataException($"the catalog ({Options.Describe()}) has no version {version} of store {storeId}.");
        var p = new (string, object?)[] { ("s", storeId), ("v", version) };
        return new StoreState
        {
            Version = version,
            SpecObject = spec[0],
            Waves = Query(null, "SELECT source, wave, seq, input_object, input_sha256, input_name, rows_in, records, quarantined, quarantine_object FROM adrn_dataset_wave WHERE store_id = @s AND version = @v ORDER BY seq",
                r => new WaveEntry(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.IsDBNull(9) ? null : r.GetString(9)), p),
            Ledgers = Query(null, "SELECT source, wave, spine, ledger_object, records, linked, linked_within_wave, minted, unlinked, mean_probability, spine_entities_before FROM adrn_dataset_ledger WHERE store_id = @s AND version = @v",
                r => new LedgerEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.IsDBNull(9) ? null : r.GetDouble(9), r.GetInt64(10)), p),
            Models = Query(null, "SELECT source, spine, kind, model_version, model_object, trained_on_wave FROM adrn_dataset_model WHERE store_id = @s AND version = @v ORDER BY source, spine, kind, model_version",
                r => new ModelEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5)), p),
            Spines = Query(null, "SELECT spine, spine_object, entities, next_id FROM adrn_dataset_spine WHERE store_id = @s AND version = @v ORDER BY spine",
                r => new SpineEntry(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2), r.GetInt64(3)), p),
            PreparedSpines = Query(null, "SELECT source, spine, job_sha256, prepared_object, records FROM adrn_dataset_prepared_spine WHERE store_id = @s AND version = @v ORDER BY source, spine",
                r => new PreparedSpineEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)), p),
        };
    }

    /// <summary>Every version of a store, oldest first.</summary>
    public IReadOnlyList<VersionInfo> Versions(string storeId) =>
        Query(null, "SELECT version, parent, operation, summary, created_utc FROM adrn_dataset_version WHERE store_id = @s ORDER BY version",
            r => new VersionInfo(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4)), ("s", storeId));

    /// <summary>Every object referred to by any version of a store.</summary>
    public IReadOnlySet<string> ReferencedObjects(string storeId)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var p = ("s", (object?)storeId);
        set.UnionWith(Query(null, "SELECT spec_object FROM adrn_dataset_version WHERE store_id = @s", r => r.GetString(0), p));
        set.UnionWith(Query(null, "SELECT input_object FROM adrn_dataset_wave WHERE store_id = @s", r => r.GetString(0), p));
        set.UnionWith(Query(null, "SELECT quarantine_object FROM adrn_dataset_wave WHERE store_id = @s AND quarantine_object IS NOT NULL", r => r.GetString(0), p));
        set.UnionWith(Query(null, "SELECT ledger_object FROM adrn_dataset_ledger WHERE store_id = @s", r => r.GetString(0), p));
        set.UnionWith(Query(null, "SELECT model_object FROM adrn_dataset_model WHERE store_id = @s", r => r.GetString(0), p));
        set.UnionWith(Query(null, "SELECT spine_object FROM adrn_dataset_spine WHERE store_id = @s AND spine_object IS NOT NULL", r => r.GetString(0), p));
        set.UnionWith(Query(null, "SELECT prepared_object FROM adrn_dataset_prepared_spine WHERE store_id = @s", r => r.GetString(0), p));
        return set;
    }

    public void Dispose() => _connection.Dispose();

    private void InsertVersion(DbTransaction tx, string storeId, StoreState state, long parent, string operation, string summary)
    {
        var v = state.Version;
        Execute(tx, "INSERT INTO adrn_dataset_version (store_id, version, parent, operation, summary, created_utc, spec_object) VALUES (@s, @v, @p, @o, @m, @c, @x)",
            ("s", storeId), ("v", v), ("p", parent), ("o", operation), ("m", summary), ("c", Now()), ("x", state.SpecObject));
        foreach (var w in state.Waves)
        {
            Execute(tx, "INSERT INTO adrn_dataset_wave VALUES (@s, @v, @a, @b, @c, @d, @e, @f, @g, @h, @i, @j)",
                ("s", storeId), ("v", v), ("a", w.Source), ("b", w.Wave), ("c", w.Seq), ("d", w.InputObject), ("e", w.InputSha256), ("f", w.InputName),
                ("g", w.RowsIn), ("h", w.Records), ("i", w.Quarantined), ("j", w.QuarantineObject));
        }

        foreach (var l in state.Ledgers)
        {
            Execute(tx, "INSERT INTO adrn_dataset_ledger VALUES (@s, @v, @a, @b, @c, @d, @e, @f, @g, @h, @i, @j, @k)",
                ("s", storeId), ("v", v), ("a", l.Source), ("b", l.Wave), ("c", l.Spine), ("d", l.LedgerObject), ("e", l.Records), ("f", l.Linked),
                ("g", l.LinkedWithinWave), ("h", l.Minted), ("i", l.Unlinked), ("j", l.MeanProbability), ("k", l.SpineEntitiesBefore));
        }

        foreach (var m in state.Models)
        {
            Execute(tx, "INSERT INTO adrn_dataset_model VALUES (@s, @v, @a, @b, @c, @d, @e, @f)",
                ("s", storeId), ("v", v), ("a", m.Source), ("b", m.Spine), ("c", m.Kind), ("d", m.ModelVersion), ("e", m.ModelObject), ("f", m.TrainedOnWave));
        }

        foreach (var s in state.Spines)
        {
            Execute(tx, "INSERT INTO adrn_dataset_spine VALUES (@s, @v, @a, @b, @c, @d)",
                ("s", storeId), ("v", v), ("a", s.Spine), ("b", s.SpineObject), ("c", s.Entities), ("d", s.NextId));
        }

        foreach (var s in state.PreparedSpines)
        {
            Execute(tx, "INSERT INTO adrn_dataset_prepared_spine VALUES (@s, @v, @a, @b, @c, @d, @e)",
                ("s", storeId), ("v", v), ("a", s.Source), ("b", s.Spine), ("c", s.JobSha256), ("d", s.PreparedObject), ("e", s.Records));
        }
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private int Execute(DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private long Scalar(DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<T> Query<T>(DbTransaction? tx, string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }

    private DbCommand Command(DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }
}
