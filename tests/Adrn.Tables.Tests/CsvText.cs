using System.Text;

namespace Adrn.Tables.Tests;

/// <summary>Helpers to read CSV text given as bytes or strings.</summary>
internal static class CsvText
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Opens <paramref name="bytes"/> with a normal buffer.</summary>
    public static CsvCursor Open(byte[] bytes, CsvOptions? options = null) =>
        CsvCursor.Open(new MemoryStream(bytes), "test.csv", options);

    /// <summary>Opens <paramref name="bytes"/> through a stream that hands out 1-3 bytes per read, with a tiny first buffer: every refill path runs.</summary>
    public static CsvCursor OpenTrickle(byte[] bytes, CsvOptions? options = null, int seed = 1) =>
        CsvCursor.Open(new TrickleStream(bytes, seed), "test.csv", options ?? CsvOptions.Default, bufferBytes: 8);

    /// <summary>Every record as (line, fields) and the set-aside records, reading to the end.</summary>
    public static (List<(long Line, long Number, string[] Fields)> Records, IReadOnlyList<MalformedRecord> Malformed) ReadAll(CsvCursor csv)
    {
        var records = new List<(long, long, string[])>();
        while (csv.MoveNext())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = csv[i].ToString();
            records.Add((csv.LineNumber, csv.RecordNumber, fields));
        }

        return (records, csv.MalformedRecords);
    }

    /// <summary>A stream that returns at most 1-3 bytes per read (seeded), as a slow pipe would.</summary>
    private sealed class TrickleStream(byte[] bytes, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _at;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, _random.Next(1, 4)), bytes.Length - _at);
            Array.Copy(bytes, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
