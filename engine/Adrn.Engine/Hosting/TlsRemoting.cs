using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace Adrn.Engine.Hosting;

/// <summary>Builds the remoting options of an adrn actor system, with mutual TLS when <see cref="TlsOptions"/> are given.</summary>
internal static class TlsRemoting
{
    public static RemoteOptions Create(string host, int port, TlsOptions? tls)
    {
        var options = new RemoteOptions { HostName = host, Port = port };
        if (tls is null)
        {
            return options;
        }

        var certificate = tls.LoadCertificate();
        var anchors = tls.LoadTrustAnchors(certificate);
        options.EnableSsl = true;
        options.Ssl = new SslOptions
        {
            X509Certificate = certificate,
            SuppressValidation = false,
            // NOTE: both ends present a certificate, so a node (or client) without a trusted one
            // cannot connect at all, not merely fail to verify the server.
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = PeerValidator(anchors),
        };
        return options;
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
