using System.Text.Json.Nodes;

namespace Adrn.Dataset.Tests;

/// <summary>Copies of the example spec (with its jobs) changed by a test.</summary>
internal static class SpecVariants
{
    public static string Write(string directory, Action<JsonObject> change)
    {
        var spec = JsonNode.Parse(File.ReadAllText(StoreBuilder.Spec))!.AsObject();
        change(spec);
        var jobs = Path.Combine(directory, "jobs");
        Directory.CreateDirectory(jobs);
        foreach (var job in Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(StoreBuilder.Spec)!, "jobs")))
            File.Copy(job, Path.Combine(jobs, Path.GetFileName(job)), overwrite: true);
        var path = Path.Combine(directory, "spec.json");
        File.WriteAllText(path, spec.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    public static JsonObject Source(JsonObject spec, string name) =>
        spec["sources"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string?)s["name"] == name);

    public static void AddVariable(JsonObject spec, string json) => spec["release"]!["variables"]!.AsArray().Add(JsonNode.Parse(json));
}
