using System.Reflection;

namespace Adrn.Linkage.Reporting;

/// <summary>
/// The plotly.js bundle that ships inside the Plotly.NET package (an embedded resource of Plotly.NET.dll): the one
/// copy that <c>report.html</c>, <c>adrn blocking --html</c> and the notebooks' charts all inline, so every chart
/// renders with no network access (secure research environments have no CDN, and neither do the tests).
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<(string Name, string Source)> Resource = new(Load);

    /// <summary>The embedded resource's name, for example <c>Plotly.NET.plotly-2.28.0.min.js</c>.</summary>
    public static string ResourceName => Resource.Value.Name;

    /// <summary>The minified plotly.js source (about 3.5 MB), safe to place inside a <c>&lt;script&gt;</c> element.</summary>
    public static string Source => Resource.Value.Source;

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

    /// <summary>The assembly holding the resource (for diagnostics).</summary>
    public static Assembly SourceAssembly => typeof(Plotly.NET.GenericChart).Assembly;

    /// <summary>
    /// A <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c> unless the page already has it. Place it once
    /// per page (or notebook); charts drawn by <see cref="PlotlyFigure.ToHtml"/> wait for it.
    /// </summary>
    public static string ScriptElement =>
        // NOTE: plotly.js is a UMD bundle: where a page has AMD (require.js in classic Jupyter) or CommonJS it would
        // register a module instead of window.Plotly. Shadowing define/module/exports makes it always set
        // window.Plotly, which the drawing scripts rely on.
        "<script type=\"text/javascript\">if (!window.Plotly) { (function (define, module, exports) {\n"
        + Source
        + "\n}).call(window, undefined, undefined, undefined); }</script>";

    private static (string Name, string Source) Load()
    {
        var assembly = SourceAssembly;
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
}
