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
