namespace Adrn.Dataset.Spec;

/// <summary>
/// What a persistent dataset holds (docs/dataset.md): its entity spines, the sources that feed them with the linkage job of
/// each source → spine link, and what a research release carries. Plain, validated data: the store executes it.
/// </summary>
public sealed record DatasetSpec
{
    /// <summary>Name of the dataset (shown in releases and status).</summary>
    public required string Name { get; init; }

    /// <summary>Free text.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The entity spines (at least one), e.g. <c>person</c> and <c>employer</c>.</summary>
    public required IReadOnlyList<SpineSpec> Spines { get; init; }

    /// <summary>The sources, each linked to one or more spines.</summary>
    public required IReadOnlyList<SourceSpec> Sources { get; init; }

    /// <summary>What research releases carry.</summary>
    public required ReleaseSpec Release { get; init; }

    /// <summary>A spine by name.</summary>
    /// <param name="name">Spine name.</param>
    /// <returns>The spine.</returns>
    /// <exception cref="KeyNotFoundException">No such spine (the message lists the spines).</exception>
    public SpineSpec Spine(string name) =>
        Spines.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"the dataset has no spine '{name}' (spines: {string.Join(", ", Spines.Select(s => s.Name))})");

    /// <summary>A source by name.</summary>
    /// <param name="name">Source name.</param>
    /// <returns>The source.</returns>
    /// <exception cref="KeyNotFoundException">No such source (the message lists the sources).</exception>
    public SourceSpec Source(string name) =>
        Sources.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"the dataset has no source '{name}' (sources: {string.Join(", ", Sources.Select(s => s.Name))})");

    /// <summary>Reads and validates a spec file; relative job paths resolve against its folder.</summary>
    /// <param name="path">The spec JSON file.</param>
    /// <returns>The validated spec, with every job read into it.</returns>
    /// <exception cref="DatasetSpecException">Listing every problem at once.</exception>
    public static DatasetSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new DatasetSpecException([$"spec file '{path}' does not exist"]);
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), Path.GetDirectoryName(full)!);
    }

    /// <summary>Validates a spec given as JSON text.</summary>
    /// <param name="json">The spec JSON.</param>
    /// <param name="baseDirectory">Folder against which relative job paths resolve.</param>
    /// <returns>The validated spec.</returns>
    /// <exception cref="DatasetSpecException">Listing every problem at once.</exception>
    public static DatasetSpec Parse(string json, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        return new DatasetSpecParser(baseDirectory).Parse(json);
    }

    /// <summary>The spec as JSON with every job inlined (the form the store keeps); <see cref="Parse"/> reads it back.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson() => DatasetSpecWriter.Write(this);
}
