using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.Tests.Fixtures;

internal sealed class NumberPairsWorkloadFactory : IJobWorkloadFactory
{
    private int _opened;

    /// <summary>How many times this factory opened a workload.</summary>
    public int Opened => _opened;

    public IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opened);
        return new NumberPairsWorkload(job);
    }
}
