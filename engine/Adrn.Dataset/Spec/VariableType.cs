namespace Adrn.Dataset.Spec;

/// <summary>The storage type of a release variable.</summary>
public enum VariableType
{
    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>32-bit integer.</summary>
    Int32,

    /// <summary>64-bit floating point.</summary>
    Double,
}
