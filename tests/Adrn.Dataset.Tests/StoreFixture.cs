namespace Adrn.Dataset.Tests;

/// <summary>
/// One store holding every synthetic wave (3 register snapshots, 3 payroll waves, the cohort sweep), built once for the
/// tests that only read it; tests that change a store work on a copy (<see cref="Copy"/>).
/// </summary>
public sealed class StoreFixture : IDisposable
{
    private readonly List<string> _directories = [];

    public StoreFixture()
    {
        Waves = SyntheticWaves.Instance;
        Directory = NewDirectory("full");
        using (var store = StoreBuilder.Build(Directory, Waves))
        {
            EntitiesPath = Path.Combine(NewDirectory("export"), "entities.csv");
            store.ExportEntities(EntitiesPath);
            Version = store.HeadVersion;
        }
    }

    public SyntheticWaves Waves { get; }

    /// <summary>The store with every wave.</summary>
    public string Directory { get; }

    /// <summary>Its entities export.</summary>
    public string EntitiesPath { get; }

    public long Version { get; }

    /// <summary>A fresh empty folder, deleted with the fixture.</summary>
    public string NewDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-dataset-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        _directories.Add(dir);
        return dir;
    }

    /// <summary>A copy of a store folder (SQLite catalog included).</summary>
    public string Copy(string store)
    {
        var target = NewDirectory("copy");
        foreach (var file in System.IO.Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(store, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    public void Dispose()
    {
        foreach (var dir in _directories)
        {
            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StoreCollection : ICollectionFixture<StoreFixture>
{
    public const string Name = "dataset store";
}
