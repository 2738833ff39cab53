using System.Diagnostics;
using System.Globalization;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using DuckDB.NET.Data;

namespace Adrn.Bench.Peer;

/// <summary>The DuckDB SQL peer: one in-memory database holding the engine's prepared records.</summary>
public sealed class DuckDbPeer : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly LinkageJobConfig _config;
    private readonly int _leftCount;

    private DuckDbPeer(DuckDBConnection connection, LinkageJobConfig config, int leftCount)
    {
        _connection = connection;
        _config = config;
        _leftCount = leftCount;
    }

    /// <summary>Seconds spent loading the records into DuckDB (not part of compare+score).</summary>
    public double LoadSeconds { get; private init; }

    /// <summary>Opens an in-memory database and loads the prepared records.</summary>
    /// <param name="config">The job.</param>
    /// <param name="prepared">The engine's prepared records.</param>
    /// <param name="keys">The engine's blocking keys.</param>
    /// <returns>The peer.</returns>
    public static DuckDbPeer Open(LinkageJobConfig config, PreparedLinkage prepared, BlockingKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(keys);
        var sw = Stopwatch.StartNew();
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        PeerRecordTable.Load(connection, config, prepared, keys);
        return new DuckDbPeer(connection, config, keys.LeftCount) { LoadSeconds = sw.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// Compares and scores every candidate pair into the table <c>scored</c> (pairs at or above
    /// <paramref name="minWeight"/>) with <c>SET threads</c> = <paramref name="threads"/>.
    /// </summary>
    /// <param name="model">The trained model.</param>
    /// <param name="minWeight">Minimum weight kept.</param>
    /// <param name="threads">DuckDB worker threads.</param>
    /// <returns>Pairs kept and seconds taken.</returns>
    public (long Pairs, double Seconds) ScoreIntoTable(MatchModel model, double minWeight, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        Execute("DROP TABLE IF EXISTS scored");
        var sql = PeerSqlBuilder.Build(_config, model, _leftCount, minWeight);
        var sw = Stopwatch.StartNew();
        Execute("CREATE TABLE scored AS " + sql);
        var seconds = sw.Elapsed.TotalSeconds;
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM scored";
        var pairs = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        return (pairs, seconds);
    }

    /// <summary>DuckDB's EXPLAIN ANALYZE of the compare+score statement (operator timings: the peer's profile).</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="minWeight">Minimum weight kept.</param>
    /// <param name="threads">DuckDB worker threads.</param>
    /// <returns>The plan with timings, as text.</returns>
    public string ExplainAnalyze(MatchModel model, double minWeight, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "EXPLAIN ANALYZE " + PeerSqlBuilder.Build(_config, model, _leftCount, minWeight);
        using var reader = cmd.ExecuteReader();
        var text = new System.Text.StringBuilder();
        while (reader.Read()) text.AppendLine(reader.GetValue(reader.FieldCount - 1)?.ToString());
        return text.ToString();
    }

    /// <summary>Reads the <c>scored</c> table: per pair (smaller index, larger index) its gammas and weight.</summary>
    /// <param name="comparisonCount">Number of comparisons (gamma columns).</param>
    /// <returns>Pairs keyed by (min index &lt;&lt; 32 | max index).</returns>
    public Dictionary<ulong, (sbyte[] Gammas, double Weight)> ReadScored(int comparisonCount)
    {
        var result = new Dictionary<ulong, (sbyte[], double)>();
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT * FROM scored";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var a = reader.GetInt32(0);
            var b = reader.GetInt32(1);
            var g = new sbyte[comparisonCount];
            for (var c = 0; c < comparisonCount; c++) g[c] = (sbyte)Convert.ToInt32(reader.GetValue(2 + c), CultureInfo.InvariantCulture);
            var w = reader.GetDouble(2 + comparisonCount);
            result[PairKey(a, b)] = (g, w);
        }

        return result;
    }

    /// <summary>Key of an unordered pair of record indexes.</summary>
    /// <param name="a">One record.</param>
    /// <param name="b">The other.</param>
    /// <returns>(min &lt;&lt; 32) | max.</returns>
    public static ulong PairKey(int a, int b) => ((ulong)(uint)Math.Min(a, b) << 32) | (uint)Math.Max(a, b);

    /// <summary>Runs one statement.</summary>
    /// <param name="sql">The statement.</param>
    public void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
