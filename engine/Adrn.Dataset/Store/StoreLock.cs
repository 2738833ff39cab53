namespace Adrn.Dataset.Store;

/// <summary>
/// The store's writer lock: an exclusive lock on <c>store.lock</c>, held for the whole of an operation that changes the
/// store. The operating system releases it when the process ends, however it ends (a SIGKILL included).
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _stream;

    private StoreLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock.</summary>
    /// <exception cref="InvalidOperationException">Another process holds it.</exception>
    public static StoreLock Acquire(StoreLayout layout)
    {
        try
        {
            return new StoreLock(new FileStream(layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"the store {layout.Root} is being changed by another process (its lock {layout.LockFile} is held); wait for it to finish.", ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
