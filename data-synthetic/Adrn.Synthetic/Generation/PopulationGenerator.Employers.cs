using Adrn.Synthetic.Output;
using Adrn.Synthetic.Reference;

namespace Adrn.Synthetic.Generation;

internal sealed partial class PopulationGenerator
{
    private void WriteEmployers()
    {
        Report("employers");
        using var table = OpenTable("employers", TableSchemas.Employers);
        var b = table.Batch;
        foreach (var firm in _firms)
        {
            var r = table.Row;
            var section = SicCatalogue.Sections[firm.Section];
            var area = UkGeography.Areas[firm.Area];
            b.Text(0)[r] = firm.EmployerId;
            b.Text(1)[r] = firm.PayeReference;
            b.Text(2)[r] = firm.CompanyNumber;
            b.Text(3)[r] = firm.Name.Registered;
            b.Text(4)[r] = firm.TradingName;
            b.Text(5)[r] = firm.Address;
            b.Text(6)[r] = area.Town;
            b.Text(7)[r] = firm.PostcodeText;
            b.Text(8)[r] = area.Itl1;
            b.Text(9)[r] = section.Code;
            b.Text(10)[r] = firm.Division;
            b.Ints(11)[r] = firm.BirthYear;
            b.Ints(12)[r] = firm.Employment;
            b.Doubles(13)[r] = firm.Turnover;
            b.Doubles(14)[r] = firm.Gva;
            b.Ints(15)[r] = firm.Exporter;
            b.Ints(16)[r] = firm.ForeignOwned;
            b.Doubles(17)[r] = firm.Investment;
            b.Doubles(18)[r] = firm.Management;
            table.EndRow();
            Advance(1, "employers");
        }

        Finish(table);
    }

    private void WriteEmployersTruth()
    {
        using var table = OpenTable("truth/employers", TableSchemas.EmployersTruth, OutputFormats.Csv);
        var b = table.Batch;
        foreach (var firm in _firms)
        {
            var r = table.Row;
            b.Text(0)[r] = firm.EmployerId;
            b.Doubles(1)[r] = Math.Round(firm.WageEffect, 6);
            b.Doubles(2)[r] = Math.Round(firm.MeanSkill, 6);
            b.Doubles(3)[r] = Math.Round(firm.LogGvaPerWorker, 6);
            b.Ints(4)[r] = firm.LossMaking ? 1 : 0;
            b.Text(5)[r] = firm.LookAlikeOf >= 0 ? _firms[firm.LookAlikeOf].EmployerId : null;
            table.EndRow();
        }

        Finish(table);
    }
}
