using Adrn.Synthetic.Output;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Generation;

internal sealed partial class PopulationGenerator
{
    private void WritePersonsTruth()
    {
        var personWidth = Width(PersonCount, 6);
        using var table = OpenTable("truth/persons", TableSchemas.PersonsTruth, OutputFormats.Csv);
        var b = table.Batch;
        for (var i = 0; i < PersonCount; i++)
        {
            var r = table.Row;
            b.Text(0)[r] = Id('P', i + 1, personWidth);
            b.Text(1)[r] = Identifiers.Nino(i);
            b.Doubles(2)[r] = _people.WorkerEffect[i];
            b.Doubles(3)[r] = _people.Skill[i];
            b.Text(4)[r] = _firms[_firstEmployerOf[i]].EmployerId;
            b.Text(5)[r] = _firms[_employerOf[i]].EmployerId;
            b.Ints(6)[r] = _moves[i];
            table.EndRow();
        }

        Finish(table);
    }
}
