using Adrn.Tables;
using Apache.Arrow;

namespace Adrn.Linkage.Panel;

/// <summary>Arrow builders of the linked employer's columns of one panel batch.</summary>
internal sealed class EmployerColumnBuilders(TextTable register)
{
    private readonly string?[] _sectionIn = register.Column("sic_section");
    private readonly string?[] _divisionIn = register.Column("sic_division");
    private readonly string?[] _itl1In = register.Column("itl1");
    private readonly string?[] _birthYearIn = register.Column("birth_year");
    private readonly string?[] _employmentIn = register.Column("employment");
    private readonly string?[] _turnoverIn = register.Column("turnover");
    private readonly string?[] _gvaIn = register.Column("gva");
    private readonly string?[] _exporterIn = register.Column("exporter");
    private readonly string?[] _foreignIn = register.Column("foreign_owned");
    private readonly string?[] _investmentIn = register.Column("investment");
    private readonly string?[] _managementIn = register.Column("management_score");
    private readonly StringArray.Builder _section = new();
    private readonly StringArray.Builder _division = new();
    private readonly StringArray.Builder _itl1 = new();
    private readonly Int32Array.Builder _birthYear = new();
    private readonly Int32Array.Builder _employment = new();
    private readonly DoubleArray.Builder _turnover = new();
    private readonly DoubleArray.Builder _gva = new();
    private readonly DoubleArray.Builder _logGvaPerWorker = new();
    private readonly Int32Array.Builder _exporter = new();
    private readonly Int32Array.Builder _foreign = new();
    private readonly DoubleArray.Builder _investment = new();
    private readonly DoubleArray.Builder _logInvestmentPerWorker = new();
    private readonly DoubleArray.Builder _management = new();

    public void AppendNull()
    {
        _section.AppendNull();
        _division.AppendNull();
        _itl1.AppendNull();
        _birthYear.AppendNull();
        _employment.AppendNull();
        _turnover.AppendNull();
        _gva.AppendNull();
        _logGvaPerWorker.AppendNull();
        _exporter.AppendNull();
        _foreign.AppendNull();
        _investment.AppendNull();
        _logInvestmentPerWorker.AppendNull();
        _management.AppendNull();
    }

    public void Append(int row)
    {
        LinkedPanelBuilder.AppendString(_section, _sectionIn[row]);
        LinkedPanelBuilder.AppendString(_division, _divisionIn[row]);
        LinkedPanelBuilder.AppendString(_itl1, _itl1In[row]);
        LinkedPanelBuilder.AppendInt(_birthYear, LinkedPanelBuilder.ParseInt(_birthYearIn[row]));
        var employment = LinkedPanelBuilder.ParseInt(_employmentIn[row]);
        LinkedPanelBuilder.AppendInt(_employment, employment);
        LinkedPanelBuilder.AppendDouble(_turnover, LinkedPanelBuilder.ParseDouble(_turnoverIn[row]));
        var gva = LinkedPanelBuilder.ParseDouble(_gvaIn[row]);
        LinkedPanelBuilder.AppendDouble(_gva, gva);
        // Logs are null where undefined (GVA <= 0 for loss-making firms, no investment), never clamped.
        LinkedPanelBuilder.AppendDouble(_logGvaPerWorker, gva > 0 && employment > 0 ? Math.Log(gva.Value / employment.Value) : null);
        LinkedPanelBuilder.AppendInt(_exporter, LinkedPanelBuilder.ParseInt(_exporterIn[row]));
        LinkedPanelBuilder.AppendInt(_foreign, LinkedPanelBuilder.ParseInt(_foreignIn[row]));
        var investment = LinkedPanelBuilder.ParseDouble(_investmentIn[row]);
        LinkedPanelBuilder.AppendDouble(_investment, investment);
        LinkedPanelBuilder.AppendDouble(_logInvestmentPerWorker, investment > 0 && employment > 0 ? Math.Log(investment.Value / employment.Value) : null);
        LinkedPanelBuilder.AppendDouble(_management, LinkedPanelBuilder.ParseDouble(_managementIn[row]));
    }

    public IEnumerable<IArrowArray> Build() =>
    [
        _section.Build(), _division.Build(), _itl1.Build(), _birthYear.Build(), _employment.Build(), _turnover.Build(),
        _gva.Build(), _logGvaPerWorker.Build(), _exporter.Build(), _foreign.Build(), _investment.Build(),
        _logInvestmentPerWorker.Build(), _management.Build(),
    ];
}
