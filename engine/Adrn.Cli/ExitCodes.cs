namespace Adrn.Cli;

/// <summary>The process exit codes every <c>adrn</c> command uses.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command was understood but the work failed (bad data, I/O error, a failed check).</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: unknown option, bad value, unusable path.</summary>
    public const int BadUsage = 2;
}
