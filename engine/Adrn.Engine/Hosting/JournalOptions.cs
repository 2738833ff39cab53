namespace Adrn.Engine.Hosting;

/// <summary>Where the coordinators journal their jobs (Akka.Persistence.Sql).</summary>
/// <param name="Provider">The database kind.</param>
/// <param name="ConnectionString">The ADO.NET connection string.</param>
public sealed record JournalOptions(JournalProvider Provider, string ConnectionString)
{
    /// <summary>The file name of the SQLite journal inside a state folder.</summary>
    public const string SqliteFileName = "adrn-journal.db";

    /// <summary>A SQLite journal in <paramref name="path"/> (created with its folder when missing).</summary>
    /// <param name="path">The database file.</param>
    /// <returns>The options.</returns>
    public static JournalOptions ForSqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        // NOTE: Pooling=False: the journal is the only writer, and pooled connections would keep the
        // file open after the actor system stops, which blocks deleting or moving the output folder.
        return new JournalOptions(JournalProvider.Sqlite, $"Data Source={full};Pooling=False");
    }

    /// <summary>A PostgreSQL journal.</summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=adrn;Password=...;Database=adrn</c>.</param>
    /// <returns>The options.</returns>
    public static JournalOptions ForPostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new JournalOptions(JournalProvider.PostgreSql, connectionString);
    }

    /// <summary>
    /// PostgreSQL when <paramref name="connectionString"/> is given, otherwise a SQLite file
    /// <see cref="SqliteFileName"/> in <paramref name="stateDirectory"/>.
    /// </summary>
    /// <param name="connectionString">A PostgreSQL connection string, or null.</param>
    /// <param name="stateDirectory">Folder of the default SQLite journal.</param>
    /// <returns>The options.</returns>
    public static JournalOptions FromConnectionStringOrDirectory(string? connectionString, string stateDirectory) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? ForSqliteFile(Path.Combine(stateDirectory, SqliteFileName))
            : ForPostgreSql(connectionString);

    /// <summary>The connection string with any password masked, for logs and messages.</summary>
    public string Describe() => Provider == JournalProvider.Sqlite
        ? "SQLite " + ConnectionString
        : "PostgreSQL " + System.Text.RegularExpressions.Regex.Replace(ConnectionString, "(?i)(password|pwd)=[^;]*", "$1=***");
}
