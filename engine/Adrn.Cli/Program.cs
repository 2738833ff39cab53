namespace Adrn.Cli;

/// <summary>Entry point of the <c>adrn</c> executable.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The process exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Main(string[] args) => AdrnCommandLine.Run(args);
}
