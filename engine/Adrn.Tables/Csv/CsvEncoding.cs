namespace Adrn.Tables;

/// <summary>The character encoding of a CSV file. Bytes that are not valid in it are an error, never replaced.</summary>
public enum CsvEncoding
{
    /// <summary>UTF-8 (the default). A UTF-8 byte-order mark is skipped; invalid sequences are undecodable.</summary>
    Utf8,

    /// <summary>Windows-1252 (Western European). Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined and so undecodable.</summary>
    Windows1252,

    /// <summary>ISO-8859-1 (Latin-1): every byte is the code point of the same number, so nothing is undecodable.</summary>
    Latin1,
}
