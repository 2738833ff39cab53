namespace Adrn.Tables;

/// <summary>What <see cref="CsvCursor"/> does with a record that breaks the CSV grammar, has the wrong number of fields or does not decode.</summary>
public enum MalformedRecordPolicy
{
    /// <summary>Throw a <see cref="TableFormatException"/> naming file, line and column (the default: nothing is skipped unless asked).</summary>
    Throw,

    /// <summary>Set the record aside in <see cref="CsvCursor.MalformedRecords"/> (file, line, reason) and continue with the next.</summary>
    Collect,
}
