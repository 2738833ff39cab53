namespace Adrn.Tables;

/// <summary>The type of a table column, and how each format stores it.</summary>
public enum TableColumnType
{
    /// <summary>UTF-8 text (Arrow utf8, Parquet string). In a nullable column null and empty are both missing (CSV cannot tell them apart).</summary>
    Text,

    /// <summary>8-bit integer (Arrow int8; Parquet int32, which has no narrower physical type).</summary>
    Int8,

    /// <summary>32-bit integer.</summary>
    Int32,

    /// <summary>64-bit integer.</summary>
    Int64,

    /// <summary>64-bit float; in a nullable column NaN is missing. CSV: the shortest text that round-trips.</summary>
    Double,

    /// <summary>Boolean (CSV <c>true</c>/<c>false</c>).</summary>
    Boolean,

    /// <summary>Calendar date held as a day number (<see cref="DateOnly.DayNumber"/>; <see cref="TableBatch.MissingDate"/> is missing). Arrow date64, Parquet timestamp (ms, UTC), CSV <c>yyyy-MM-dd</c>.</summary>
    Date,
}
