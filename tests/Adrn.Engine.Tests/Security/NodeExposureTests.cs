using Adrn.Engine.Hosting;
using Adrn.Engine.Security;

namespace Adrn.Engine.Tests.Security;

/// <summary>Which addresses count as loopback, and the refusal of an insecure node (no socket is opened here).</summary>
public sealed class NodeExposureTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("0.0.0.0", false)] // every interface
    [InlineData("::", false)]
    [InlineData("192.0.2.1", false)] // TEST-NET-1 (RFC 5737)
    [InlineData("10.1.2.3", false)]
    public void Loopback_addresses_are_told_apart_from_the_rest(string host, bool loopback) =>
        Assert.Equal(loopback, NodeExposure.IsLoopback(host));

    private static ClusterNodeOptions Node(string host, bool allowInsecure = false, TlsOptions? tls = null) => new()
    {
        Host = host,
        Port = 4053,
        Journal = JournalOptions.ForSqliteFile(Path.Combine(Path.GetTempPath(), "unused.db")),
        AllowInsecure = allowInsecure,
        Tls = tls,
    };

    [Fact]
    public void A_node_on_a_non_loopback_address_without_TLS_is_refused_with_the_ways_out()
    {
        var error = Assert.Throws<InsecureNodeException>(() => NodeExposure.Check(Node("192.0.2.1")));

        Assert.Contains("192.0.2.1:4053", error.Message, StringComparison.Ordinal);
        Assert.Contains("--tls-certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-insecure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allowed_insecure_node_gets_a_warning_and_a_loopback_node_none()
    {
        Assert.StartsWith("warning:", NodeExposure.Check(Node("192.0.2.1", allowInsecure: true)), StringComparison.Ordinal);
        Assert.Null(NodeExposure.Check(Node("127.0.0.1")));
        Assert.Null(NodeExposure.Check(Node("localhost")));
    }
}
