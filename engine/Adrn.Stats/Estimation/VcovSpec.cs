namespace Adrn.Stats.Estimation;

/// <summary>
/// Which standard errors to compute. Use the static members: <see cref="Iid"/>, <see cref="Hc1"/>,
/// <see cref="Cluster(string[])"/>, or <see cref="Parse"/> for the CLI syntax.
/// </summary>
/// <param name="Kind">The estimator.</param>
/// <param name="ClusterVariables">For <see cref="VcovKind.Cluster"/>: one or two cluster columns (a^b combines columns); otherwise empty.</param>
public sealed record VcovSpec(VcovKind Kind, IReadOnlyList<string> ClusterVariables)
{
    /// <summary>fixest's default: iid without fixed effects, clustered by the first fixed effect with them.</summary>
    public static VcovSpec Default { get; } = new(VcovKind.Default, []);

    /// <summary>Homoskedastic standard errors.</summary>
    public static VcovSpec Iid { get; } = new(VcovKind.Iid, []);

    /// <summary>HC0 (White) standard errors.</summary>
    public static VcovSpec Hc0 { get; } = new(VcovKind.Hc0, []);

    /// <summary>HC1 standard errors: HC0 × n/(n − K), K counting the fixed effects (fixest "hetero").</summary>
    public static VcovSpec Hc1 { get; } = new(VcovKind.Hc1, []);

    /// <summary>HC2 standard errors (models without fixed effects only).</summary>
    public static VcovSpec Hc2 { get; } = new(VcovKind.Hc2, []);

    /// <summary>HC3 standard errors (models without fixed effects only).</summary>
    public static VcovSpec Hc3 { get; } = new(VcovKind.Hc3, []);

    /// <summary>Cluster-robust standard errors on one or two columns.</summary>
    /// <param name="variables">One column for one-way, two for two-way clustering.</param>
    public static VcovSpec Cluster(params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.Length is < 1 or > 2) throw new ArgumentException("Cluster on one or two columns.", nameof(variables));
        foreach (var v in variables) ArgumentException.ThrowIfNullOrWhiteSpace(v, nameof(variables));
        return new VcovSpec(VcovKind.Cluster, variables);
    }

    /// <summary>Parses <c>iid</c>, <c>hc0</c>..<c>hc3</c>, <c>hetero</c> (= hc1), <c>cluster:var</c> or <c>cluster:a+b</c> (case-insensitive kind).</summary>
    /// <param name="text">The specification.</param>
    /// <exception cref="FormatException">The text is none of those; the message lists them.</exception>
    public static VcovSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? t : t[..colon]).ToUpperInvariant();
        if (kind == "CLUSTER")
        {
            var vars = colon < 0 ? [] : t[(colon + 1)..].Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (vars.Length is < 1 or > 2) throw new FormatException($"Invalid vcov '{text}': write cluster:var or cluster:a+b.");
            return Cluster(vars);
        }

        if (colon >= 0) throw new FormatException($"Invalid vcov '{text}': only cluster takes variables; use iid, hc0, hc1 (hetero), hc2, hc3, cluster:var or cluster:a+b.");
        return kind switch
        {
            "IID" => Iid,
            "HC0" => Hc0,
            "HC1" or "HETERO" => Hc1,
            "HC2" => Hc2,
            "HC3" => Hc3,
            "DEFAULT" => Default,
            _ => throw new FormatException($"Invalid vcov '{text}': use iid, hc0, hc1 (hetero), hc2, hc3, cluster:var or cluster:a+b."),
        };
    }

    /// <summary>The specification in <see cref="Parse"/> syntax.</summary>
    public override string ToString() =>
        Kind == VcovKind.Cluster ? "cluster:" + string.Join("+", ClusterVariables) : Kind.ToString().ToLowerInvariant();

    /// <summary>Structural equality.</summary>
    /// <param name="other">The other specification.</param>
    public bool Equals(VcovSpec? other) => other is not null && Kind == other.Kind && ClusterVariables.SequenceEqual(other.ClusterVariables);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
