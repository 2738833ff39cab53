using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Adrn.Engine.Hosting;

/// <summary>
/// An Akka logger that writes each event to standard output as Akka's own does, but without stack traces: an
/// exception becomes one "(cause: Type: message)" of its innermost error. A node's log is read by people, and a
/// failed bind or a lost peer should read as one line, not thirty; <c>--verbose</c> restores Akka's full logger.
/// </summary>
internal sealed class ConciseLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Creates the logger; Akka starts it from <c>akka.loggers</c>.</summary>
    public ConciseLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Out.WriteLine(Format(e)));
    }

    /// <summary>The event as one entry without stack frames.</summary>
    /// <param name="logEvent">The event.</param>
    /// <returns>The text to write.</returns>
    internal static string Format(LogEvent logEvent)
    {
        var text = logEvent.ToString() ?? string.Empty;
        if (logEvent.Cause is { } cause)
        {
            var at = text.IndexOf("Cause: ", StringComparison.Ordinal);
            text = (at > 0 ? text[..at].TrimEnd() : text) + $" (cause: {Innermost(cause)})";
        }

        // NOTE: some messages embed an exception themselves (remoting's "Reason is: [...]"); their frames go too.
        return string.Join(Environment.NewLine, text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !IsStackFrame(l)));
    }

    private static string Innermost(Exception error)
    {
        while (error.InnerException is { } inner)
        {
            error = inner;
        }

        return $"{error.GetType().Name}: {error.Message.Split('\n')[0].Trim()}";
    }

    private static bool IsStackFrame(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Length < line.Length &&
            (trimmed.StartsWith("at ", StringComparison.Ordinal) || trimmed.StartsWith("--- End of", StringComparison.Ordinal));
    }
}
