using System.Text;
using System.Text.Json;
using Adrn.Dataset.Store;

namespace Adrn.Dataset.Release;

/// <summary><c>manifest.json</c>: every file of the release (path, bytes, SHA-256), so a recipient can verify what arrived.</summary>
internal static class ReleaseManifest
{
    public const string FileName = "manifest.json";

    public static IReadOnlyList<string> Write(string directory, string dataset, string kind, long storeVersion)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(directory, p).Replace('\\', '/'))
            .Where(p => p != FileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("dataset", dataset);
            w.WriteString("release", kind);
            w.WriteNumber("store_version", storeVersion);
            w.WriteString("created_utc", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartArray("files");
            foreach (var f in files)
            {
                var path = Path.Combine(directory, f);
                w.WriteStartObject();
                w.WriteString("path", f);
                w.WriteNumber("bytes", new FileInfo(path).Length);
                w.WriteString("sha256", ObjectStore.Sha256Of(path));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        File.WriteAllText(Path.Combine(directory, FileName), Encoding.UTF8.GetString(stream.ToArray()), new UTF8Encoding(false));
        return [.. files, FileName];
    }
}
