using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Adrn.Engine.Hosting;

/// <summary>
/// An Akka logger that discards every event: the engine's log when a command line client (<c>adrn link</c>) reports
/// what matters itself, so that no Akka line (with its stack traces) reaches the user unless they ask (<c>--verbose</c>).
/// </summary>
internal sealed class SilentLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Creates the logger; Akka starts it from <c>akka.loggers</c>.</summary>
    public SilentLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        ReceiveAny(_ => { });
    }
}
