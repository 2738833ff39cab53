using Adrn.Learning.Configuration;
using Adrn.Learning.Scoring;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;

namespace Adrn.Learning;

/// <summary>Gives the actor engine (and any other driver) the learned scorer of jobs whose <c>scorer</c> is <c>learned</c>.</summary>
public sealed class LearnedScorerProvider : IPairScorerProvider
{
    /// <inheritdoc />
    public IPairScorer? Create(LinkageJobConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Scorer == PairScorerKind.Learned ? new LearnedPairScorer(LearnedScoringOptions.FromJob(config)) : null;
    }
}
