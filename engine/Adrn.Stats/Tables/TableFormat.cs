namespace Adrn.Stats.Tables;

/// <summary>Output format of <see cref="ModelTable.Render"/>.</summary>
public enum TableFormat
{
    /// <summary>Aligned plain text for consoles and logs.</summary>
    Text,

    /// <summary>A GitHub-flavoured Markdown pipe table.</summary>
    Markdown,

    /// <summary>An HTML <c>&lt;table&gt;</c> fragment (notebooks).</summary>
    Html,

    /// <summary>A LaTeX <c>tabular</c> environment (booktabs-free, plain <c>\hline</c>).</summary>
    Latex,
}
