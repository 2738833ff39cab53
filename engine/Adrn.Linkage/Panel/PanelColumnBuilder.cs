using Apache.Arrow;

namespace Adrn.Linkage.Panel;

/// <summary>The Arrow builder of one panel column of one batch, by the variable's type.</summary>
internal sealed class PanelColumnBuilder(VariableType type)
{
    private readonly StringArray.Builder? _text = type == VariableType.Text ? new() : null;
    private readonly Int32Array.Builder? _ints = type == VariableType.Int32 ? new() : null;
    private readonly DoubleArray.Builder? _doubles = type == VariableType.Double ? new() : null;

    public void AppendNull()
    {
        _text?.AppendNull();
        _ints?.AppendNull();
        _doubles?.AppendNull();
    }

    /// <summary>Appends a value given as text: kept for text columns, parsed for numeric ones (unparseable: null).</summary>
    public void AppendText(string? value)
    {
        if (_text is not null)
        {
            if (value is null) _text.AppendNull();
            else _text.Append(value);
        }
        else if (_ints is not null)
        {
            AppendNumber(VariableDerivations.ParseInt(value));
        }
        else
        {
            AppendNumber(VariableDerivations.ParseNumber(value));
        }
    }

    /// <summary>Appends a number (rounded for int32 columns; null and non-finite values as null).</summary>
    public void AppendNumber(double? value)
    {
        if (value is not { } x || !double.IsFinite(x)) AppendNull();
        else if (_ints is not null) _ints.Append((int)Math.Round(x));
        else if (_doubles is not null) _doubles.Append(x);
        else _text!.Append(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    public IArrowArray Build() => (IArrowArray?)_text?.Build() ?? (IArrowArray?)_ints?.Build() ?? _doubles!.Build();
}
