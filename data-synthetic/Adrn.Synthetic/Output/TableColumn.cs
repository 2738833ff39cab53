namespace Adrn.Synthetic.Output;

/// <summary>One column of an output table.</summary>
internal sealed record TableColumn(string Name, ColumnKind Kind);
