namespace Adrn.Engine.Hosting;

/// <summary>The database behind the job journal.</summary>
public enum JournalProvider
{
    /// <summary>A SQLite file (the default: local mode keeps it under the output folder).</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server (cluster mode, or any mode given a connection string).</summary>
    PostgreSql = 1,
}
