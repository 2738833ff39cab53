namespace Adrn.Engine.Tests.Fixtures;

/// <summary>The adrn executable copied next to the tests (repository paths: <see cref="Adrn.Tests.Shared.RepositoryPaths"/>).</summary>
internal static class Repository
{
    /// <summary>adrn.dll, copied here because the test project references Adrn.Cli.</summary>
    public static string AdrnDll => Path.Combine(AppContext.BaseDirectory, "adrn.dll");
}
