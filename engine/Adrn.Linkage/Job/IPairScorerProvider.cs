using Adrn.Linkage.Configuration;

namespace Adrn.Linkage;

/// <summary>
/// Supplies the scorer a job's <c>scorer</c> setting asks for when it is not Fellegi–Sunter (the learned scorer of
/// Adrn.Learning), so that drivers which cannot reference it — the actor engine — run such jobs too.
/// </summary>
public interface IPairScorerProvider
{
    /// <summary>A new, unprepared scorer for the job, or null when the job scores with Fellegi–Sunter.</summary>
    /// <param name="config">The job.</param>
    /// <returns>The scorer, or null.</returns>
    /// <exception cref="ConfigValidationException">The job's scorer settings are invalid.</exception>
    IPairScorer? Create(LinkageJobConfig config);
}
