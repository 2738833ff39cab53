namespace Adrn.Synthetic;

/// <summary>
/// Named noise profiles for <c>adrn synth --noise-profile NAME</c>. <c>default</c> is <see cref="NoiseOptions"/> as
/// constructed; <c>hand-keyed</c> is the harder profile of hand-keyed employer fields and self-reported person
/// fields (docs/synthetic-data.md, "Noise profiles").
/// </summary>
public static class NoiseProfiles
{
    /// <summary>Name of the default profile.</summary>
    public const string DefaultName = "default";

    /// <summary>Name of the hand-keyed profile.</summary>
    public const string HandKeyedName = "hand-keyed";

    /// <summary>The profile names, in the order the CLI lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [DefaultName, HandKeyedName];

    /// <summary>
    /// The person-field rates of the hand-keyed profile: the default <see cref="NoiseOptions"/> with more nicknames,
    /// day/month swaps, surname changes, typing errors and previous postcodes in the cohort.
    /// </summary>
    public static NoiseOptions HandKeyedNoise { get; } = new()
    {
        CohortFirstNameTypoRate = 0.06,
        CohortNicknameRate = 0.25,
        CohortSurnameTypoRate = 0.06,
        CohortSurnameChangeRate = 0.04,
        CohortDobSwapRate = 0.10,
        CohortDobTypoRate = 0.03,
        CohortPreviousPostcodeRate = 0.20,
    };

    /// <summary>The options with the hand-keyed profile switched on (person-field rates and the extra corruptions).</summary>
    /// <param name="options">Options to start from (counts, seed, formats are kept).</param>
    /// <returns>A copy with <see cref="SyntheticPopulationOptions.Noise"/> = <see cref="HandKeyedNoise"/> and
    /// <see cref="SyntheticPopulationOptions.HandKeyed"/> set to the default <see cref="HandKeyedNoiseOptions"/>.</returns>
    public static SyntheticPopulationOptions HandKeyed(SyntheticPopulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { Noise = HandKeyedNoise, HandKeyed = new HandKeyedNoiseOptions() };
    }

    /// <summary>Applies a profile by name.</summary>
    /// <param name="options">Options to start from.</param>
    /// <param name="name"><c>default</c> or <c>hand-keyed</c> (case-insensitive).</param>
    /// <returns>The options with the profile applied (<c>default</c> returns them unchanged).</returns>
    /// <exception cref="ArgumentException">An unknown profile name.</exception>
    public static SyntheticPopulationOptions Apply(SyntheticPopulationOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, DefaultName, StringComparison.OrdinalIgnoreCase)) return options;
        if (string.Equals(name, HandKeyedName, StringComparison.OrdinalIgnoreCase)) return HandKeyed(options);
        throw new ArgumentException($"unknown noise profile '{name}'; use one of {string.Join(", ", Names)}", nameof(name));
    }
}
