using System.Net.Security;
using Adrn.Engine.Hosting;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Tls;

public sealed class TlsOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_password_given_as_env_NAME_is_read_from_that_variable_and_a_missing_one_is_named()
    {
        var name = "ADRN_TEST_TLS_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "s3cret");
        try
        {
            Assert.Equal("s3cret", TlsOptions.ResolvePassword("env:" + name));
            Assert.Equal("plain", TlsOptions.ResolvePassword("plain"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        var ex = Assert.Throws<ArgumentException>(() => TlsOptions.ResolvePassword("env:" + name));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_options_without_a_certificate_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => TlsOptions.FromCommandLine(null, null, "pw", null));
        Assert.Contains("--tls-certificate", ex.Message, StringComparison.Ordinal);
        Assert.Null(TlsOptions.FromCommandLine(null, null, null, null));
    }

    [Fact]
    public void A_wrong_pfx_password_fails_with_the_file_name()
    {
        using var certificate = TestCertificates.SelfSigned("adrn-node");
        var pfx = TestCertificates.WritePfx(certificate, _dir.Path, "node");
        var options = TlsOptions.FromCommandLine(pfx, null, "not-the-password", null)!;

        var ex = Assert.Throws<InvalidOperationException>(() => options.LoadCertificate());
        Assert.Contains(pfx, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_peer_check_accepts_certificates_of_the_trusted_CA_and_refuses_others_with_the_same_subject()
    {
        using var authority = TestCertificates.Authority("adrn test CA");
        using var issued = TestCertificates.IssuedBy(authority, "adrn-node");
        using var otherAuthority = TestCertificates.Authority("adrn test CA");
        using var forged = TestCertificates.IssuedBy(otherAuthority, "adrn-node");
        using var selfSigned = TestCertificates.SelfSigned("adrn-node");
        var ca = TestCertificates.WritePem(authority, _dir.Path, "ca");
        var pfx = TestCertificates.WritePfx(issued, _dir.Path, "node");
        var options = TlsOptions.FromCommandLine(pfx, null, TestCertificates.Password, [ca])!;
        using var own = options.LoadCertificate();
        var check = TlsRemoting.PeerValidator(options.LoadTrustAnchors(own));

        Assert.True(check(issued, null, "peer", SslPolicyErrors.RemoteCertificateChainErrors, Akka.Event.NoLogger.Instance));
        Assert.False(check(forged, null, "peer", SslPolicyErrors.None, Akka.Event.NoLogger.Instance));
        Assert.False(check(selfSigned, null, "peer", SslPolicyErrors.None, Akka.Event.NoLogger.Instance));
        Assert.False(check(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, Akka.Event.NoLogger.Instance));
    }

    [Fact]
    public void Without_trusted_certificates_a_node_trusts_exactly_its_own_self_signed_certificate()
    {
        using var shared = TestCertificates.SelfSigned("adrn-cluster");
        using var other = TestCertificates.SelfSigned("adrn-cluster");
        var options = TlsOptions.FromCommandLine(TestCertificates.WritePfx(shared, _dir.Path, "cluster"), null, TestCertificates.Password, null)!;
        using var own = options.LoadCertificate();
        var check = TlsRemoting.PeerValidator(options.LoadTrustAnchors(own));

        Assert.True(check(shared, null, "peer", SslPolicyErrors.RemoteCertificateChainErrors, Akka.Event.NoLogger.Instance));
        Assert.False(check(other, null, "peer", SslPolicyErrors.None, Akka.Event.NoLogger.Instance));
    }

    public void Dispose() => _dir.Dispose();
}
