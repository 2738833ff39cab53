using Adrn.Cli;

namespace Adrn.Engine.Tests.Cli;

/// <summary>Argument checks of <c>adrn link</c> and <c>adrn node</c> (exit code 2, before any work).</summary>
public sealed class LinkCommandTests
{
    [Theory]
    [InlineData("link", "--out", "/tmp/x")]
    [InlineData("link", "--config", "/nonexistent/job.json", "--out", "/tmp/x")]
    [InlineData("link", "--resume", "job-1")]
    [InlineData("link", "--resume", "bad id!", "--out", "/tmp/x")]
    [InlineData("node", "--role", "leader")]
    [InlineData("node", "--role", "worker")]
    [InlineData("node", "--role", "seed", "--port", "70000")]
    [InlineData("node", "--role", "seed", "--data-root", "/nonexistent/adrn-data")]
    // Refused before binding (192.0.2.1 is TEST-NET-1, held by no machine: nothing could listen there anyway).
    [InlineData("node", "--role", "seed", "--host", "192.0.2.1", "--port", "4999")]
    public void Unusable_arguments_exit_with_code_2(params string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ExitCodes.BadUsage, AdrnCommandLine.Run(args));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.StartsWith("adrn", error.ToString(), StringComparison.Ordinal);
    }
}
