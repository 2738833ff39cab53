using System.Globalization;

namespace Adrn.Linkage.Configuration;

/// <summary>One AND-ed part of a blocking rule.</summary>
public sealed record BlockingKeyPartConfig
{
    /// <summary>Default q-gram length of <see cref="BlockingKeyMethod.Minhash"/>.</summary>
    public const int DefaultQ = 2;

    /// <summary>Default seed of the <see cref="BlockingKeyMethod.Minhash"/> hash functions.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>Job column the part is derived from.</summary>
    public required string Column { get; init; }

    /// <summary>Derivation (default exact).</summary>
    public BlockingKeyMethod Method { get; init; } = BlockingKeyMethod.Exact;

    /// <summary>Prefix length for <see cref="BlockingKeyMethod.Prefix"/> (1..50).</summary>
    public int Length { get; init; }

    /// <summary>q-gram length for <see cref="BlockingKeyMethod.Minhash"/> (1..5, default 2).</summary>
    public int Q { get; init; } = DefaultQ;

    /// <summary>Bands of the MinHash signature (one key each) for <see cref="BlockingKeyMethod.Minhash"/>.</summary>
    public int Bands { get; init; }

    /// <summary>Rows (hash functions) per band for <see cref="BlockingKeyMethod.Minhash"/>.</summary>
    public int Rows { get; init; }

    /// <summary>Seed of the MinHash hash functions (same seed, same keys on any machine).</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// Token methods: a token code held by more than this share of the non-null records gives no key (it would make a
    /// huge block). 1 keeps every code.
    /// </summary>
    public double MaxShare { get; init; } = 1;

    /// <summary>Token methods: at most this many keys per record (the rarest codes are kept).</summary>
    public int MaxKeys { get; init; } = 8;

    /// <summary>Whether the part gives a record several keys (a multi-key part; at most one per rule).</summary>
    public bool IsMultiKey => Method is BlockingKeyMethod.Minhash or BlockingKeyMethod.TokenSoundex
        or BlockingKeyMethod.TokenDoubleMetaphone or BlockingKeyMethod.OneEdit;

    /// <summary>Readable form, e.g. <c>prefix(surname,3)</c> or <c>minhash(employer_name,q=2,bands=11,rows=4)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Method switch
    {
        BlockingKeyMethod.Exact => Column,
        BlockingKeyMethod.Prefix => $"prefix({Column},{Length})",
        BlockingKeyMethod.Minhash => string.Create(CultureInfo.InvariantCulture, $"minhash({Column},q={Q},bands={Bands},rows={Rows},seed={Seed})"),
        BlockingKeyMethod.TokenSoundex or BlockingKeyMethod.TokenDoubleMetaphone when MaxShare < 1 =>
            string.Create(CultureInfo.InvariantCulture, $"{Method.ToString().ToSnakeCase()}({Column},max_share={MaxShare},max_keys={MaxKeys})"),
        BlockingKeyMethod.TokenSoundex or BlockingKeyMethod.TokenDoubleMetaphone =>
            string.Create(CultureInfo.InvariantCulture, $"{Method.ToString().ToSnakeCase()}({Column},max_keys={MaxKeys})"),
        _ => $"{Method.ToString().ToSnakeCase()}({Column})",
    };
}
