namespace Adrn.Engine.Hosting;

/// <summary>The role of a cluster node.</summary>
public enum NodeRole
{
    /// <summary>Hosts the job registry singleton (coordinators and journal) and, unless given zero workers, workers.</summary>
    Seed = 0,

    /// <summary>Runs workers only.</summary>
    Worker = 1,
}
