namespace Adrn.Stats.Data;

/// <summary>The logical type of a column as seen by the regression code.</summary>
public enum ColumnKind
{
    /// <summary>Floating-point or integer values; usable as a regressor or, via <c>i()</c>, as a factor.</summary>
    Numeric,

    /// <summary>Boolean values, read as 0/1 when numeric and as <c>false</c>/<c>true</c> levels when a factor.</summary>
    Boolean,

    /// <summary>Text values; usable only as a factor (fixed effect, <c>i()</c> term, cluster).</summary>
    Text,
}
