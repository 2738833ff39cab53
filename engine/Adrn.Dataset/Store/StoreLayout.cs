namespace Adrn.Dataset.Store;

/// <summary>
/// The folder of a store: <c>store.json</c> (identity and catalog kind), <c>catalog.db</c> (the SQLite catalog, unless
/// the catalog is in PostgreSQL), <c>objects/</c> (immutable, content-addressed files: wave inputs, ledgers, spine files,
/// models, specs), <c>staging/</c> (work in progress of the running operation) and <c>store.lock</c> (one writer at a time).
/// </summary>
internal sealed class StoreLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string StoreFile => Path.Combine(Root, "store.json");

    public string CatalogFile => Path.Combine(Root, "catalog.db");

    public string Objects => Path.Combine(Root, "objects");

    public string Staging => Path.Combine(Root, "staging");

    public string LockFile => Path.Combine(Root, "store.lock");

    /// <summary>A fresh folder under <see cref="Staging"/> for one operation.</summary>
    public string NewStagingDirectory(string operation)
    {
        var dir = Path.Combine(Staging, operation + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
