namespace Adrn.Tables;

/// <summary>Why a CSV record was malformed.</summary>
public enum MalformedRecordKind
{
    /// <summary>A quoted field does not close properly: the file ends inside it, or the text up to its closing quote does not make a valid record.</summary>
    UnbalancedQuote,

    /// <summary>A double quote inside a field that does not start with one (RFC 4180: such a field must be quoted).</summary>
    QuoteInUnquotedField,

    /// <summary>Text between a closing quote and the next delimiter or line end.</summary>
    TextAfterClosingQuote,

    /// <summary>More or fewer fields than the header has.</summary>
    WrongFieldCount,

    /// <summary>Bytes that are not valid in the declared encoding.</summary>
    Undecodable,
}
