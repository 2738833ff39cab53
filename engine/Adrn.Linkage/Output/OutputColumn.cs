namespace Adrn.Linkage.Output;

/// <summary>One column of an output table: exactly one of the arrays is set.</summary>
internal sealed record OutputColumn(string Name, string?[]? Strings = null, double[]? Doubles = null, sbyte[]? Int8 = null, int Int8Stride = 1, int Int8Offset = 0);
