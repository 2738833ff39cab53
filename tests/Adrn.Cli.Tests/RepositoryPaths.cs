namespace Adrn.Cli.Tests;

/// <summary>Locates files of the repository from the test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds Adrn.Engine.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Adrn.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Adrn.Engine.sln not found above {AppContext.BaseDirectory}");
    }
}
