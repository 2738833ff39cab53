using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.Tests.Fixtures;

internal sealed class NumberPairsWorkloadFactory : IJobWorkloadFactory
{
    public IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref NumberPairsWorkload.OpenCount);
        return new NumberPairsWorkload(job);
    }
}
