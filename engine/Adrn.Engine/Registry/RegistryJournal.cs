using Adrn.Engine.Serialization;
namespace Adrn.Engine.Registry;

/// <summary>The events the <see cref="JobRegistry"/> journals (persistence id <see cref="PersistenceId"/>).</summary>
public static class RegistryJournal
{
    /// <summary>The persistence id of the registry.</summary>
    public const string PersistenceId = "adrn-job-registry";

    /// <summary>A job was submitted or resumed.</summary>
    /// <param name="JobId">The job.</param>
    public sealed record JobRegistered(string JobId) : IAdrnMessage;

    /// <summary>A job finished.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Succeeded">Whether it succeeded.</param>
    public sealed record JobFinished(string JobId, bool Succeeded) : IAdrnMessage;
}
