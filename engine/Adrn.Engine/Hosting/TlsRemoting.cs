using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace Adrn.Engine.Hosting;

/// <summary>Builds the remoting options of an adrn actor system, with mutual TLS when <see cref="TlsOptions"/> are given.</summary>
internal static class TlsRemoting
{
    /// <summary>Configures remoting on <paramref name="host"/>:<paramref name="port"/>, with mutual TLS when <paramref name="tls"/> is given.</summary>
    public static AkkaConfigurationBuilder WithAdrnRemoting(this AkkaConfigurationBuilder builder, string host, int port, TlsOptions? tls) =>
        WithAdrnRemoting(builder, host, port, tls, publicHost: null);

    /// <summary>Remoting bound to <paramref name="host"/>:<paramref name="port"/> and reached by peers at <paramref name="publicHost"/> (Akka's <c>public-hostname</c>; null: the bound host).</summary>
    /// <param name="builder">The Akka builder.</param>
    /// <param name="host">Address to bind (0.0.0.0 for every interface).</param>
    /// <param name="port">Port (0: any free port).</param>
    /// <param name="tls">TLS settings, or null for plain TCP.</param>
    /// <param name="publicHost">Host name or IP peers use to reach this system, or null for <paramref name="host"/>.</param>
    /// <returns>The builder.</returns>
    public static AkkaConfigurationBuilder WithAdrnRemoting(this AkkaConfigurationBuilder builder, string host, int port, TlsOptions? tls, string? publicHost)
    {
        var options = new RemoteOptions { HostName = host, Port = port, PublicHostName = publicHost };
        if (tls is null)
        {
            return builder.WithRemoting(options);
        }

        var certificate = tls.LoadCertificate();
        var anchors = tls.LoadTrustAnchors(certificate);
        options.EnableSsl = true;
        // NOTE: the DotNetty SSL setup is added directly rather than through RemoteOptions.Ssl, so
        // that the custom validator is certainly the one the transport uses (an ActorSystem setup
        // takes precedence over HOCON SSL settings). Both ends present a certificate (mutual TLS),
        // so a node or client without a trusted one cannot connect at all; host names are not
        // checked, trust comes from the certificate chain.
        builder.Setups.Add(new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true,
            validateCertificateHostname: false, customValidator: PeerValidator(anchors)));
        return builder.WithRemoting(options);
    }

    /// <summary>
    /// Accepts a peer whose certificate chains to one of <paramref name="anchors"/> (custom root
    /// trust: the machine's CA store is neither needed nor consulted, so a private cluster CA or a
    /// shared self-signed certificate works without installing anything).
    /// </summary>
    public static CertificateValidationCallback PeerValidator(IReadOnlyList<X509Certificate2> anchors) =>
        (certificate, chain, remotePeer, errors, log) =>
        {
            if (certificate is null)
            {
                log?.Warning("TLS: {0} presented no certificate; connection refused.", remotePeer);
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            custom.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
            if (chain is not null)
            {
                // Intermediates the peer sent along.
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            if (custom.Build(certificate))
            {
                return true;
            }

            var why = string.Join("; ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()));
            log?.Warning("TLS: refused {0}: its certificate {1} (thumbprint {2}) does not chain to a trusted certificate ({3}; policy errors {4}).",
                remotePeer, certificate.Subject, certificate.Thumbprint, why, errors);
            return false;
        };
}
