using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Tables;

/// <summary>One typed, nullable column being filled row by row, for <see cref="ArrowTableFile"/>.</summary>
internal sealed class ColumnBuffer
{
    private readonly List<string?>? _text;
    private readonly List<int?>? _ints;
    private readonly List<double?>? _doubles;

    public ColumnBuffer(string name, VariableType type, bool nullable = true)
    {
        Name = name;
        Type = type;
        Nullable = nullable;
        switch (type)
        {
            case VariableType.Int32: _ints = []; break;
            case VariableType.Double: _doubles = []; break;
            default: _text = []; break;
        }
    }

    public string Name { get; }

    public VariableType Type { get; }

    public bool Nullable { get; }

    public int Count => _text?.Count ?? _ints?.Count ?? _doubles!.Count;

    public void Add(string? value) => Text.Add(value);

    public void Add(int? value) => Ints.Add(value);

    public void Add(double? value) => Doubles.Add(value is { } d && double.IsFinite(d) ? d : null);

    /// <summary>Adds a value given as text, parsed for numeric columns (invalid or empty → null).</summary>
    public void AddParsed(string? value)
    {
        switch (Type)
        {
            case VariableType.Int32:
                Ints.Add(int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null);
                break;
            case VariableType.Double:
                Add(double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null);
                break;
            default:
                Text.Add(string.IsNullOrEmpty(value) ? null : value);
                break;
        }
    }

    public List<string?> Text => _text ?? throw new InvalidOperationException($"column {Name} is not text");

    public List<int?> Ints => _ints ?? throw new InvalidOperationException($"column {Name} is not int32");

    public List<double?> Doubles => _doubles ?? throw new InvalidOperationException($"column {Name} is not double");

    /// <summary>Whether row <paramref name="row"/> holds a value.</summary>
    public bool HasValue(int row) => Type switch
    {
        VariableType.Int32 => Ints[row] is not null,
        VariableType.Double => Doubles[row] is not null,
        _ => Text[row] is not null,
    };
}
