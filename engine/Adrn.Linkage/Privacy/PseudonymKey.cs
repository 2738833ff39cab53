using System.Security.Cryptography;
using System.Text;

namespace Adrn.Linkage.Privacy;

/// <summary>
/// A secret key for keyed pseudonyms (HMAC-SHA256). The same key gives the same pseudonymous key for
/// the same identifier in every run; without the key a pseudonym cannot be reversed or recomputed.
/// The key is never written to any output or log.
/// </summary>
public sealed class PseudonymKey
{
    /// <summary>Smallest accepted key length in bytes (128 bits).</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _key;

    private PseudonymKey(byte[] key) => _key = key;

    /// <summary>Whether the key was made at random for this run (so pseudonyms will differ next run).</summary>
    public bool IsEphemeral { get; private init; }

    /// <summary>Creates a key from secret bytes.</summary>
    /// <param name="key">At least <see cref="MinimumLength"/> bytes.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The key is empty or shorter than <see cref="MinimumLength"/> bytes.</exception>
    public static PseudonymKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumLength)
        {
            throw new ArgumentException(
                $"A pseudonymisation key needs at least {MinimumLength} bytes; got {key.Length}. Use a random key of 32 bytes.", nameof(key));
        }

        return new PseudonymKey(key.ToArray());
    }

    /// <summary>Creates a key from a secret text (its UTF-8 bytes).</summary>
    /// <param name="secret">At least <see cref="MinimumLength"/> characters of secret text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The text is empty or too short.</exception>
    public static PseudonymKey FromSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return FromBytes(Encoding.UTF8.GetBytes(secret.Trim()));
    }

    /// <summary>Creates a random 256-bit key for one run.</summary>
    /// <returns>A key whose pseudonyms are stable within the run only.</returns>
    public static PseudonymKey CreateEphemeral() => new(RandomNumberGenerator.GetBytes(32)) { IsEphemeral = true };

    /// <summary>
    /// The pseudonym of <paramref name="identifier"/> in <paramref name="domain"/>: the first 96 bits of
    /// HMAC-SHA256(key, domain + ":" + identifier) as 24 lower-case hex characters. The domain keeps
    /// equal identifiers of different kinds (a person id and an employer id) from sharing a pseudonym.
    /// </summary>
    /// <param name="domain">Kind of identifier, for example <c>person</c> or <c>employer</c>.</param>
    /// <param name="identifier">The identifier to pseudonymise.</param>
    /// <returns>The pseudonym.</returns>
    public string Pseudonymise(string domain, string identifier)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(identifier);
        var message = Encoding.UTF8.GetBytes(domain + ":" + identifier);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, message, mac);
        // NOTE: 96 bits keep the chance of any collision among 10^8 identifiers below 10^-12.
        return Convert.ToHexStringLower(mac[..12]);
    }

    /// <summary>
    /// Loads the key for a command: from <paramref name="keyFile"/> when given, else from the
    /// environment variable <paramref name="environmentVariable"/>. The key text is trimmed; it must
    /// have at least <see cref="MinimumLength"/> characters.
    /// </summary>
    /// <param name="keyFile">A file holding the secret, or null.</param>
    /// <param name="environmentVariable">The variable to read when no file is given.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidOperationException">No key was given, the file is missing, or the key is empty or too short; the message says how to provide one.</exception>
    public static PseudonymKey Load(string? keyFile, string environmentVariable = "ADRN_PSEUDONYM_KEY")
    {
        string? secret;
        string origin;
        if (!string.IsNullOrWhiteSpace(keyFile))
        {
            if (!File.Exists(keyFile))
            {
                throw new InvalidOperationException($"key file '{keyFile}' does not exist.");
            }

            secret = File.ReadAllText(keyFile);
            origin = $"key file '{keyFile}'";
        }
        else
        {
            secret = Environment.GetEnvironmentVariable(environmentVariable);
            origin = $"environment variable {environmentVariable}";
        }

        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(
                $"no secret key: {origin} is missing or empty. Give --key-file FILE or set {environmentVariable} to a secret of at least {MinimumLength} characters.");
        }

        if (secret.Trim().Length < MinimumLength)
        {
            throw new InvalidOperationException($"the secret key from {origin} is shorter than {MinimumLength} characters.");
        }

        return FromSecret(secret);
    }

    /// <summary>
    /// A 256-bit key derived for one purpose (HMAC-SHA256 of the purpose under this key), so that
    /// encodings of different fields use unrelated keys and never reveal this key.
    /// </summary>
    /// <param name="purpose">What the derived key is for, for example <c>bloom:first_name</c>.</param>
    /// <returns>32 key bytes.</returns>
    internal byte[] Derive(string purpose) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("adrn-derive:" + purpose));

    /// <inheritdoc />
    public override string ToString() => IsEphemeral ? "PseudonymKey(ephemeral, hidden)" : "PseudonymKey(hidden)";
}
