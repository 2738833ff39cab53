namespace Adrn.Notebooks.Tests;

/// <summary>
/// Notebook tests share process-wide state (environment variables, .NET Interactive's global
/// formatters) and both CPU cores; they run one class at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    public const string Name = "notebooks";
}
