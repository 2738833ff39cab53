using System.Diagnostics;

namespace Adrn.Dataset;

/// <summary>Wall-clock seconds of an operation's steps, in order (each step from the end of the one before).</summary>
internal sealed class StepTimings
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<KeyValuePair<string, double>> _steps = [];

    public IReadOnlyList<KeyValuePair<string, double>> Steps => _steps;

    /// <summary>Ends the current step under <paramref name="name"/>; returns every step so far.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Lap(string name)
    {
        _steps.Add(new KeyValuePair<string, double>(name, Math.Round(_clock.Elapsed.TotalSeconds, 3)));
        _clock.Restart();
        return _steps;
    }
}
