namespace Adrn.Engine.Tests.Fixtures;

/// <summary>Paths of the repository, its example jobs and the adrn executable copied next to the tests.</summary>
internal static class Repository
{
    public static string Root
    {
        get
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

    public static string Example(string file) => Path.Combine(Root, "examples", file);

    public static string Script(string file) => Path.Combine(Root, "scripts", file);

    /// <summary>adrn.dll, copied here because the test project references Adrn.Cli.</summary>
    public static string AdrnDll => Path.Combine(AppContext.BaseDirectory, "adrn.dll");
}
