using System.Diagnostics;
using System.Globalization;
using Adrn.Linkage;

namespace Adrn.Cli;

/// <summary>
/// The status of a linkage run's long single-threaded stages — reading and standardising the sources, blocking,
/// training (u sampling, λ) — on the console, with the counts each stage produced. At a terminal the line of the
/// running stage ticks with its elapsed seconds; in a log (output redirected) each stage gets a line when it starts
/// and one with its counts and seconds when it ends. Partition progress (counting, scoring) has its own lines.
/// </summary>
public sealed class StatusLine : IProgress<LinkageProgress>, IDisposable
{
    private static readonly Dictionary<string, string> StageNames = new(StringComparer.Ordinal)
    {
        ["prepare"] = "reading and standardising the sources",
        ["blocking"] = "blocking",
        ["u_sampling"] = "training: sampling u from random pairs",
        ["lambda"] = "training: estimating λ from the deterministic rules",
        ["merging"] = "merging the scored partitions",
        ["resolution"] = "resolving links",
        ["writing"] = "writing the outputs",
    };

    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = new();
    private readonly Timer? _timer;
    private readonly Lock _lock = new();
    private string? _stage;

    /// <summary>Creates a status line.</summary>
    /// <param name="output">Where to write (standard output).</param>
    /// <param name="interactive">True at a terminal: the running stage's line ticks in place.</param>
    public StatusLine(TextWriter output, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
        _interactive = interactive;
        if (interactive) _timer = new Timer(_ => Tick(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    /// <summary>For the console this process writes to: interactive unless standard output is redirected.</summary>
    /// <param name="output">Standard output.</param>
    /// <returns>The status line.</returns>
    public static StatusLine ForConsole(TextWriter output) => new(output, !Console.IsOutputRedirected);

    /// <inheritdoc />
    public void Report(LinkageProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!StageNames.TryGetValue(value.Stage, out var name)) return;
        lock (_lock)
        {
            if (value.Done < value.Total)
            {
                if (_stage == value.Stage) return;
                _stage = value.Stage;
                _clock.Restart();
                _out.Write(_interactive ? $"\r{name} ..." : $"{name} ...\n");
            }
            else
            {
                var seconds = value.Seconds ?? (_stage == value.Stage ? _clock.Elapsed.TotalSeconds : 0);
                _stage = null;
                var line = value.Detail is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{name}: done in {seconds:F1} s")
                    : string.Create(CultureInfo.InvariantCulture, $"{name}: {value.Detail} ({seconds:F1} s)");
                _out.Write(_interactive ? "\r\u001b[2K" + line + "\n" : line + "\n");
            }

            _out.Flush();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();

    private void Tick()
    {
        lock (_lock)
        {
            if (_stage is null || !StageNames.TryGetValue(_stage, out var name)) return;
            _out.Write(string.Create(CultureInfo.InvariantCulture, $"\r{name} ... {_clock.Elapsed.TotalSeconds:F0} s"));
            _out.Flush();
        }
    }
}
