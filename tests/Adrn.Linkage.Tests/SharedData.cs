namespace Adrn.Linkage.Tests;

/// <summary>Locates the repository's examples and the shared data folder (which sits beside the repository root).</summary>
internal static class SharedData
{
    /// <summary>Walks up from the test's base directory to the folder that contains <c>shared/data</c>; fails loudly when absent.</summary>
    public static string DataRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
            }

            throw new DirectoryNotFoundException(
                $"No 'shared/data' folder found above {AppContext.BaseDirectory}; the FEBRL and fake_1000 data must sit in ../shared/data beside the repository root.");
        }
    }

    /// <summary>The repository's <c>examples</c> folder.</summary>
    public static string Examples
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples");
                if (File.Exists(Path.Combine(candidate, "febrl4.json"))) return candidate;
            }

            throw new DirectoryNotFoundException($"No 'examples/febrl4.json' found above {AppContext.BaseDirectory}.");
        }
    }

    public static string Example(string file) => Path.Combine(Examples, file);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-linkage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
