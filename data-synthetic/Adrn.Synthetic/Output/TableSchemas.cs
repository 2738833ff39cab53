using Adrn.Tables;

namespace Adrn.Synthetic.Output;

/// <summary>
/// The columns of every output table, in file order (the data contract). Text, doubles and dates may be missing
/// (empty text, NaN, <see cref="Adrn.Tables.TableBatch.MissingDate"/>); integers never are.
/// </summary>
internal static class TableSchemas
{
    public static readonly TableColumn[] Employers =
    [
        Text("employer_id"), Text("paye_ref"), Text("ch_number"),
        Text("registered_name"), Text("trading_name"), Text("address"),
        Text("town"), Text("postcode"), Text("itl1"),
        Text("sic_section"), Text("sic_division"), Int("birth_year"),
        Int("employment"), Number("turnover"), Number("gva"),
        Int("exporter"), Int("foreign_owned"), Number("investment"),
        Number("management_score"),
    ];

    public static readonly TableColumn[] Employees =
    [
        Text("record_id"), Text("person_id"), Text("nino"),
        Text("first_name"), Text("surname"), Date("date_of_birth"),
        Text("sex"), Text("home_postcode"), Text("employer_paye_ref"),
        Text("employer_name"), Text("employer_postcode"), Int("soc_major"),
        Int("qualification_level"), Number("hours"), Number("annual_pay"),
        Int("year"),
    ];

    public static readonly TableColumn[] Cohort =
    [
        Text("cohort_id"), Text("first_name"), Text("surname"),
        Date("date_of_birth"), Text("sex"), Text("postcode"),
        Text("employer_name"), Int("occupation"),
    ];

    public static readonly TableColumn[] EmployeeEmployerTruth = [Text("record_id"), Text("employer_id")];

    public static readonly TableColumn[] CohortEmployeeTruth = [Text("cohort_id"), Text("person_id")];

    public static readonly TableColumn[] PersonsTruth =
    [
        Text("person_id"), Text("nino"), Number("worker_effect"),
        Number("skill"), Text("first_employer_id"), Text("last_employer_id"),
        Int("moves"),
    ];

    /// <summary>The business survey (ABS-like): one row per firm and payroll year, from the planted production model.</summary>
    public static readonly TableColumn[] BusinessSurvey =
    [
        Text("employer_id"), Int("year"), Number("employment"),
        Number("capital"), Number("intermediate_inputs"), Number("investment"),
        Number("value_added"),
    ];

    public static readonly TableColumn[] BusinessSurveyTruth =
    [
        Text("employer_id"), Int("year"), Number("log_tfp"), Number("output_shock"),
    ];

    public static readonly TableColumn[] EmployersTruth =
    [
        Text("employer_id"), Number("firm_wage_effect"), Number("mean_worker_skill"),
        Number("log_gva_per_worker_planted"), Int("loss_making"), Text("look_alike_of"),
    ];

    private static TableColumn Text(string name) => new(name, TableColumnType.Text);

    private static TableColumn Int(string name) => new(name, TableColumnType.Int32, Nullable: false);

    private static TableColumn Number(string name) => new(name, TableColumnType.Double);

    private static TableColumn Date(string name) => new(name, TableColumnType.Date);
}
