namespace Adrn.Tests.Shared;

/// <summary>
/// Paths of the repository (the folder holding Adrn.Engine.sln), found from the test's output folder. One file,
/// linked into every test project that needs it (see the projects' <c>Compile Include="../Shared/..."</c>).
/// </summary>
internal static class RepositoryPaths
{
    /// <summary>The folder that holds Adrn.Engine.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A job file of <c>examples/</c>.</summary>
    public static string Example(string file) => Path.Combine(Root, "examples", file);

    /// <summary>A script of <c>scripts/</c>.</summary>
    public static string Script(string file) => Path.Combine(Root, "scripts", file);

    /// <summary>A notebook of <c>notebooks/</c>.</summary>
    public static string Notebook(string name) => Path.Combine(Root, "notebooks", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Adrn.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Adrn.Engine.sln above {AppContext.BaseDirectory}.");
    }
}
