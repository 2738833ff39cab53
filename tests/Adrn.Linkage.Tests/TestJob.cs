namespace Adrn.Linkage.Tests;

/// <summary>Writes small CSV sources and a job JSON into a temporary folder.</summary>
internal sealed class TestJob
{
    public TestJob() => Directory = SharedData.TempDir();

    public string Directory { get; }

    public string File(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }
}
