using Microsoft.ML;
using Microsoft.ML.Data;

namespace Adrn.Learning.Features;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over rows of a <see cref="PairFeatureMatrix"/> (columns <c>Features</c>,
/// <c>Label</c>, <c>Weight</c>), so training and batch scoring read the arrays in place instead of one object per pair.
/// </summary>
internal sealed class FeatureMatrixDataView : IDataView
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";
    public const string WeightColumn = "Weight";
    private readonly PairFeatureMatrix _matrix;
    private readonly int[]? _rows;
    private readonly bool[]? _labels;
    private readonly float[]? _weights;

    /// <param name="matrix">The pairs.</param>
    /// <param name="rows">Rows of the matrix to expose, in order (null = all).</param>
    /// <param name="labels">Label per exposed row (null = all false, for scoring).</param>
    /// <param name="weights">Example weight per exposed row (null = all 1).</param>
    public FeatureMatrixDataView(PairFeatureMatrix matrix, int[]? rows, bool[]? labels, float[]? weights = null)
    {
        _matrix = matrix;
        _rows = rows;
        _labels = labels;
        _weights = weights;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, matrix.FeatureCount));
        builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        builder.AddColumn(WeightColumn, NumberDataViewType.Single);
        Schema = builder.ToSchema();
    }

    public int Count => _rows?.Length ?? _matrix.Count;

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(FeatureMatrixDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            if (_position + 1 >= view.Count) return false;
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index == 0)
            {
                ValueGetter<VBuffer<float>> features = (ref VBuffer<float> dst) =>
                {
                    // Copies into the caller's reusable buffer: no allocation per row once it has grown.
                    var n = view._matrix.FeatureCount;
                    var row = view._rows is null ? (int)_position : view._rows[_position];
                    var editor = VBufferEditor.Create(ref dst, n);
                    view._matrix.Features.AsSpan(row * n, n).CopyTo(editor.Values);
                    dst = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)features;
            }

            if (column.Index == 1)
            {
                ValueGetter<bool> label = (ref bool dst) => dst = view._labels is not null && view._labels[_position];
                return (ValueGetter<TValue>)(Delegate)label;
            }

            ValueGetter<float> weight = (ref float dst) => dst = view._weights is null ? 1f : view._weights[_position];
            return (ValueGetter<TValue>)(Delegate)weight;
        }
    }
}
