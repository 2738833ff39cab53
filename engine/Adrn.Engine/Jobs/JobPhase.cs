namespace Adrn.Engine.Jobs;

/// <summary>The two partitioned phases of a linkage job.</summary>
public enum JobPhase
{
    /// <summary>Each partition counts its agreement patterns; EM then runs on the merged counts.</summary>
    Counting = 0,

    /// <summary>Each partition scores its candidate pairs with the trained model and writes them as Arrow.</summary>
    Scoring = 1,
}
