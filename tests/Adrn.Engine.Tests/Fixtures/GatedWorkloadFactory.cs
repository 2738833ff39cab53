using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>Opens number-pair workloads only once the test opens the gate (a job whose records take long to prepare).</summary>
internal sealed class GatedWorkloadFactory : IJobWorkloadFactory, IDisposable
{
    private readonly ManualResetEventSlim _gate = new();
    private readonly NumberPairsWorkloadFactory _inner = new();

    public void Open() => _gate.Set();

    public IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken)
    {
        if (!_gate.Wait(TimeSpan.FromSeconds(30), cancellationToken))
        {
            throw new TimeoutException("the test never opened the gate");
        }

        return _inner.Open(job, cancellationToken);
    }

    public void Dispose() => _gate.Dispose();
}
