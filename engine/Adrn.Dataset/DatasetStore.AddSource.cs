using Adrn.Dataset.Catalog;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Store;

namespace Adrn.Dataset;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Adds a source the spec did not have (for example a firm survey linked to the employer spine) as a new version: a
    /// JSON object with <c>source</c> (a source entry as in the spec, its jobs as paths relative to the file or inline),
    /// optionally <c>representatives</c> (spine → spine column → file column, when the source may found entities) and
    /// <c>release_variables</c> (appended to the release). Its waves can then be added, and its variables appear in the
    /// next release.
    /// </summary>
    /// <param name="definitionPath">The source definition file.</param>
    /// <returns>The new spec.</returns>
    /// <exception cref="DatasetSpecException">The definition is invalid or the source exists (every problem listed).</exception>
    public DatasetSpec AddSource(string definitionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definitionPath);
        if (!File.Exists(definitionPath)) throw new ArgumentException($"source definition '{definitionPath}' does not exist.");
        using var guard = StoreLock.Acquire(_layout);
        CleanUp();
        var head = ReadHead();
        var full = Path.GetFullPath(definitionPath);
        var spec = new DatasetSpecParser(Path.GetDirectoryName(full)!).ParseAddedSource(File.ReadAllText(full), SpecOf(head));
        var added = spec.Sources[^1];
        var next = head with { Version = head.Version + 1, SpecObject = _objects.PutText(spec.ToJson(), ".json") };
        _catalog.Commit(StoreId, head.Version, next, "add-source",
            $"source '{added.Name}' linked to {string.Join(", ", added.Links.Select(l => l.Spine))}; {spec.Release.Variables.Count - SpecOf(head).Release.Variables.Count} release variable(s) added");
        return spec;
    }
}
