using System.Security.Cryptography;
using System.Text;

namespace Adrn.Dataset.Store;

/// <summary>
/// Immutable files named by the SHA-256 of their content (<c>objects/ab/abcd….ext</c>). A file is written under a staging
/// name, flushed to disk and renamed into place, so an object either exists whole or not at all; storing the same content
/// twice stores it once. Objects are never changed, only collected when no version refers to them.
/// </summary>
internal sealed class ObjectStore(StoreLayout layout)
{
    /// <summary>Copies a file into the store (hashing it on the way, so it is read once); returns the object name (<c>sha256.ext</c>).</summary>
    public string PutCopy(string file, string extension)
    {
        var staged = Path.Combine(StagingRoot(), Guid.NewGuid().ToString("N") + extension);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var input = File.OpenRead(file))
        using (var output = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }

            output.Flush(flushToDisk: true);
        }

        return Place(staged, Convert.ToHexStringLower(hash.GetHashAndReset()) + extension);
    }

    /// <summary>Moves a finished file (written by the caller, flushed) into the store; returns the object name.</summary>
    public string PutMove(string file, string extension) => Place(file, Sha256Of(file) + extension);

    private string Place(string file, string name)
    {
        var target = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target)) File.Delete(file);
        else File.Move(file, target);
        return name;
    }

    /// <summary>Stores text (UTF-8, no BOM); returns the object name.</summary>
    public string PutText(string text, string extension)
    {
        var staged = Path.Combine(StagingRoot(), Guid.NewGuid().ToString("N") + extension);
        using (var output = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            output.Write(new UTF8Encoding(false).GetBytes(text));
            output.Flush(flushToDisk: true);
        }

        return PutMove(staged, extension);
    }

    /// <summary>The path of an object.</summary>
    public string PathOf(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Path.Combine(layout.Objects, name[..2], name);
    }

    /// <summary>The text of an object.</summary>
    /// <exception cref="InvalidDataException">The object is missing (the message names it).</exception>
    public string ReadText(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) throw new InvalidDataException($"store object {name} is missing from {layout.Objects}; the store is damaged.");
        return File.ReadAllText(path);
    }

    /// <summary>Deletes every object file not in <paramref name="referenced"/>. Call only while holding the store lock.</summary>
    public int Collect(IReadOnlySet<string> referenced)
    {
        if (!Directory.Exists(layout.Objects)) return 0;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(layout.Objects, "*", SearchOption.AllDirectories))
        {
            if (referenced.Contains(Path.GetFileName(file))) continue;
            File.Delete(file);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private string StagingRoot()
    {
        var dir = Path.Combine(layout.Staging, "objects");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
