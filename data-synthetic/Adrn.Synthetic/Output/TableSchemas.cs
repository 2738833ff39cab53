namespace Adrn.Synthetic.Output;

/// <summary>The columns of every output table, in file order (the data contract).</summary>
internal static class TableSchemas
{
    public static readonly TableColumn[] Employers =
    [
        new("employer_id", ColumnKind.Text), new("paye_ref", ColumnKind.Text), new("ch_number", ColumnKind.Text),
        new("registered_name", ColumnKind.Text), new("trading_name", ColumnKind.Text), new("address", ColumnKind.Text),
        new("town", ColumnKind.Text), new("postcode", ColumnKind.Text), new("itl1", ColumnKind.Text),
        new("sic_section", ColumnKind.Text), new("sic_division", ColumnKind.Text), new("birth_year", ColumnKind.Int32),
        new("employment", ColumnKind.Int32), new("turnover", ColumnKind.Double), new("gva", ColumnKind.Double),
        new("exporter", ColumnKind.Int32), new("foreign_owned", ColumnKind.Int32), new("investment", ColumnKind.Double),
        new("management_score", ColumnKind.Double),
    ];

    public static readonly TableColumn[] Employees =
    [
        new("record_id", ColumnKind.Text), new("person_id", ColumnKind.Text), new("nino", ColumnKind.Text),
        new("first_name", ColumnKind.Text), new("surname", ColumnKind.Text), new("date_of_birth", ColumnKind.Date),
        new("sex", ColumnKind.Text), new("home_postcode", ColumnKind.Text), new("employer_paye_ref", ColumnKind.Text),
        new("employer_name", ColumnKind.Text), new("employer_postcode", ColumnKind.Text), new("soc_major", ColumnKind.Int32),
        new("qualification_level", ColumnKind.Int32), new("hours", ColumnKind.Double), new("annual_pay", ColumnKind.Double),
        new("year", ColumnKind.Int32),
    ];

    public static readonly TableColumn[] Cohort =
    [
        new("cohort_id", ColumnKind.Text), new("first_name", ColumnKind.Text), new("surname", ColumnKind.Text),
        new("date_of_birth", ColumnKind.Date), new("sex", ColumnKind.Text), new("postcode", ColumnKind.Text),
        new("employer_name", ColumnKind.Text), new("occupation", ColumnKind.Int32),
    ];

    public static readonly TableColumn[] EmployeeEmployerTruth = [new("record_id", ColumnKind.Text), new("employer_id", ColumnKind.Text)];

    public static readonly TableColumn[] CohortEmployeeTruth = [new("cohort_id", ColumnKind.Text), new("person_id", ColumnKind.Text)];

    public static readonly TableColumn[] PersonsTruth =
    [
        new("person_id", ColumnKind.Text), new("nino", ColumnKind.Text), new("worker_effect", ColumnKind.Double),
        new("skill", ColumnKind.Double), new("first_employer_id", ColumnKind.Text), new("last_employer_id", ColumnKind.Text),
        new("moves", ColumnKind.Int32),
    ];

    /// <summary>The business survey (ABS-like): one row per firm and payroll year, from the planted production model.</summary>
    public static readonly TableColumn[] BusinessSurvey =
    [
        new("employer_id", ColumnKind.Text), new("year", ColumnKind.Int32), new("employment", ColumnKind.Double),
        new("capital", ColumnKind.Double), new("intermediate_inputs", ColumnKind.Double), new("investment", ColumnKind.Double),
        new("value_added", ColumnKind.Double),
    ];

    public static readonly TableColumn[] BusinessSurveyTruth =
    [
        new("employer_id", ColumnKind.Text), new("year", ColumnKind.Int32), new("log_tfp", ColumnKind.Double), new("output_shock", ColumnKind.Double),
    ];

    public static readonly TableColumn[] EmployersTruth =
    [
        new("employer_id", ColumnKind.Text), new("firm_wage_effect", ColumnKind.Double), new("mean_worker_skill", ColumnKind.Double),
        new("log_gva_per_worker_planted", ColumnKind.Double), new("loss_making", ColumnKind.Int32), new("look_alike_of", ColumnKind.Text),
    ];
}
