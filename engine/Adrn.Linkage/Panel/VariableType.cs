namespace Adrn.Linkage.Panel;

/// <summary>The storage type of a variable of a research output (a linked panel, a dataset release).</summary>
public enum VariableType
{
    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>32-bit integer.</summary>
    Int32,

    /// <summary>64-bit floating point.</summary>
    Double,
}
