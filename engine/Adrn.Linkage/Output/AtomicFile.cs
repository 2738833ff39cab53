namespace Adrn.Linkage.Output;

/// <summary>Writes a file under a temporary name beside it and renames it into place, so a crash never leaves a half-written file under the final name.</summary>
public static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> on a fresh temporary path, then moves the result to <paramref name="path"/> (replacing it).</summary>
    /// <param name="path">The final path.</param>
    /// <param name="write">Writes the file at the path it is given (which does not exist yet).</param>
    public static void Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
