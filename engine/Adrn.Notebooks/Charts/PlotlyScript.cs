using System.Reflection;

namespace Adrn.Notebooks.Charts;

/// <summary>
/// The plotly.js source that ships inside the Plotly.NET package (an embedded resource of
/// Plotly.NET.dll). Charts inline it into their HTML so they render with no network access: secure
/// research environments have no CDN, and neither do the tests.
/// </summary>
public static class PlotlyScript
{
    private static readonly Lazy<(string Name, string Source)> Resource = new(Load);

    /// <summary>The embedded resource's name, for example <c>Plotly.NET.plotly-2.28.0.min.js</c>.</summary>
    public static string ResourceName => Resource.Value.Name;

    /// <summary>The minified plotly.js source (about 3.5 MB), safe to place inside a <c>&lt;script&gt;</c> element.</summary>
    public static string Source => Resource.Value.Source;

    private static (string Name, string Source) Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Plotly.NET.plotly", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            .OrderByDescending(n => n, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"{assembly.Location}: no embedded plotly.js resource (expected Plotly.NET.plotly-*.min.js); resources: {string.Join(", ", assembly.GetManifestResourceNames())}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        // NOTE: a literal "</script" inside the source would end the inline script element early;
        // it can only occur inside JavaScript string literals, where "<\/" means the same.
        var source = reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return (name, source);
    }

    /// <summary>The version in the resource name, for example <c>2.28.0</c>.</summary>
    public static string Version
    {
        get
        {
            var name = ResourceName;
            const string prefix = "Plotly.NET.plotly-";
            return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..^".min.js".Length] : name;
        }
    }

    /// <summary>For <see cref="Assembly"/> diagnostics: the assembly holding the resource.</summary>
    public static Assembly SourceAssembly => typeof(Plotly.NET.GenericChart).Assembly;
}
