namespace Adrn.Synthetic.Output;

/// <summary>Storage kind of an output column.</summary>
internal enum ColumnKind
{
    /// <summary>UTF-8 text; null or empty is missing.</summary>
    Text,

    /// <summary>32-bit integer.</summary>
    Int32,

    /// <summary>64-bit float.</summary>
    Double,

    /// <summary>Calendar date held as a day number (<see cref="DateOnly.DayNumber"/>); <see cref="TableBatch.MissingDate"/> is missing.</summary>
    Date,
}
