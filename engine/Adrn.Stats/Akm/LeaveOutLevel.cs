namespace Adrn.Stats.Akm;

/// <summary>What the KSS estimator leaves out when it estimates an error variance.</summary>
public enum LeaveOutLevel
{
    /// <summary>One person-year observation (errors independent across observations).</summary>
    Observation,

    /// <summary>A whole worker–firm match (errors may be correlated within a match; KSS's default).</summary>
    Match,
}
