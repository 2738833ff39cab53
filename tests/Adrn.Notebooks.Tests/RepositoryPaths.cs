namespace Adrn.Notebooks.Tests;

/// <summary>Locates the repository (the folder holding Adrn.Engine.sln) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string Notebook(string name) => Path.Combine(Root, "notebooks", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Adrn.Engine.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Adrn.Engine.sln above {AppContext.BaseDirectory}.");
    }
}
