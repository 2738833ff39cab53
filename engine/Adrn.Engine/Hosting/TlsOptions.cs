using System.Security.Cryptography.X509Certificates;

namespace Adrn.Engine.Hosting;

/// <summary>
/// TLS between adrn actor systems (cluster nodes and the <c>adrn link --cluster</c> client): every
/// connection is encrypted and both ends must present a certificate that chains to a trusted
/// certificate (mutual TLS). Host names are not checked: trust comes from the certificate chain, so
/// nodes can be addressed by IP.
/// </summary>
public sealed record TlsOptions
{
    /// <summary>The prefix of a password given as the name of an environment variable (<c>env:ADRN_TLS_PASSWORD</c>).</summary>
    public const string EnvironmentPrefix = "env:";

    /// <summary>This system's certificate: a PKCS#12 file (.pfx/.p12) with its private key, or a PEM certificate when <see cref="KeyPath"/> is set.</summary>
    public required string CertificatePath { get; init; }

    /// <summary>PEM private key of a PEM <see cref="CertificatePath"/>; null for PKCS#12.</summary>
    public string? KeyPath { get; init; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key; null when there is none.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Certificates a peer's certificate must chain to (a cluster CA, or a self-signed peer
    /// certificate), as PEM/DER files. Empty: trust only this system's own certificate, i.e. every
    /// node shares one (self-signed or CA-issued) certificate.
    /// </summary>
    public IReadOnlyList<string> TrustedCertificatePaths { get; init; } = [];

    /// <summary>
    /// The options of <c>--tls-certificate FILE [--tls-key FILE] [--tls-password VALUE|env:NAME] [--tls-trust FILE ...]</c>.
    /// </summary>
    /// <param name="certificate">--tls-certificate, or null for plain TCP.</param>
    /// <param name="key">--tls-key, or null.</param>
    /// <param name="password">--tls-password (a value or <c>env:NAME</c>), or null.</param>
    /// <param name="trust">--tls-trust files (may be empty).</param>
    /// <returns>The options, or null when no certificate is given.</returns>
    /// <exception cref="ArgumentException">A TLS option without --tls-certificate, a missing file or an unset password variable.</exception>
    public static TlsOptions? FromCommandLine(string? certificate, string? key, string? password, IReadOnlyList<string>? trust)
    {
        trust ??= [];
        if (certificate is null)
        {
            if (key is not null || password is not null || trust.Count > 0)
            {
                throw new ArgumentException("--tls-key, --tls-password and --tls-trust need --tls-certificate FILE", nameof(certificate));
            }

            return null;
        }

        foreach (var (option, path) in new[] { ("--tls-certificate", certificate), ("--tls-key", key) }.Concat(trust.Select(t => ("--tls-trust", (string?)t))))
        {
            if (path is not null && !File.Exists(path))
            {
                throw new ArgumentException($"{option}: file '{path}' does not exist", nameof(certificate));
            }
        }

        return new TlsOptions
        {
            CertificatePath = Path.GetFullPath(certificate),
            KeyPath = key is null ? null : Path.GetFullPath(key),
            Password = ResolvePassword(password),
            TrustedCertificatePaths = [.. trust.Select(Path.GetFullPath)],
        };
    }

    /// <summary>
    /// A password option as given on the command line: <c>env:NAME</c> reads environment variable
    /// NAME (so the secret stays out of the process list); anything else is the password itself.
    /// </summary>
    /// <param name="value">The option value, or null.</param>
    /// <returns>The password, or null.</returns>
    /// <exception cref="ArgumentException">The environment variable is not set.</exception>
    public static string? ResolvePassword(string? value)
    {
        if (value is null || !value.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var name = value[EnvironmentPrefix.Length..];
        return Environment.GetEnvironmentVariable(name)
            ?? throw new ArgumentException($"the TLS password names environment variable '{name}', which is not set", nameof(value));
    }

    /// <summary>Loads this system's certificate with its private key.</summary>
    /// <returns>The certificate.</returns>
    /// <exception cref="InvalidOperationException">The file cannot be read, the password is wrong, or there is no private key.</exception>
    public X509Certificate2 LoadCertificate()
    {
        X509Certificate2 certificate;
        try
        {
            certificate = KeyPath is null
                ? X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password)
                : Password is null
                    ? X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(CertificatePath, Password, KeyPath);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Cannot load the TLS certificate {CertificatePath}{(KeyPath is null ? string.Empty : " with key " + KeyPath)}: {ex.Message}. " +
                "Give a .pfx with its --tls-password, or a PEM certificate with --tls-key.", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The TLS certificate {CertificatePath} has no private key; export it with its key (.pfx), or give the PEM key with --tls-key.");
        }

        return certificate;
    }

    /// <summary>Loads the trust anchors: <see cref="TrustedCertificatePaths"/>, or <paramref name="own"/> when there are none.</summary>
    /// <param name="own">This system's certificate.</param>
    /// <returns>The certificates a peer must chain to (public parts only).</returns>
    public IReadOnlyList<X509Certificate2> LoadTrustAnchors(X509Certificate2 own)
    {
        ArgumentNullException.ThrowIfNull(own);
        if (TrustedCertificatePaths.Count == 0)
        {
            return [X509CertificateLoader.LoadCertificate(own.RawData)];
        }

        return TrustedCertificatePaths.Select(path =>
        {
            try
            {
                // PEM or DER; a .pfx given here contributes its (public) certificate.
                return path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                    ? X509CertificateLoader.LoadCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, Password).RawData)
                    : X509CertificateLoader.LoadCertificateFromFile(path);
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Cannot load the trusted certificate {path}: {ex.Message}. Give a PEM or DER (.cer/.crt/.pem) file.", ex);
            }
        }).ToList();
    }
}
