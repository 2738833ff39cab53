namespace Adrn.Cli;

/// <summary>
/// What <c>--help</c> shows beyond each command's own options: worked examples, and which options a command cannot run
/// without. One entry per command path (<c>"link"</c>, <c>"review sample"</c>); <see cref="CommandLinePolish"/> applies
/// them to the whole tree, so a new command gets its examples here, not in its own file. The test suite checks that
/// every command has at least one example and that every example parses.
/// </summary>
public static class CommandGuide
{
    /// <summary>Examples per command path (each an <c>adrn ...</c> command line a user can copy).</summary>
    public static IReadOnlyDictionary<string, string[]> Examples { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [""] =
        [
            "adrn demo --out demo-out",
            "adrn link --config examples/febrl4.json --out out-febrl4",
            "adrn link --help",
        ],
        ["demo"] =
        [
            "adrn demo --out demo-out",
            "adrn demo --out demo-small --employers 500 --employees 5000 --cohort 500 --formats parquet,csv",
        ],
        ["synth"] =
        [
            "adrn synth --employers 2000 --employees 20000 --cohort 2000 --years 3 --seed 42 --out data",
            "adrn synth --out data --format csv,arrow,parquet",
            "adrn synth --employers 20000 --employees 200000 --cohort 20000 --years 2 --noise-profile hand-keyed --out hand-keyed",
        ],
        ["link"] =
        [
            "adrn link --config examples/febrl4.json --out out-febrl4",
            "adrn link --config examples/employee-employer.json --var data=demo-out/data --out out-ee --formats parquet,csv --workers 2",
            "adrn link --resume 20261203-101500-3fa2 --out out-febrl4",
            "adrn link --cluster akka.tcp://adrn@10.0.0.5:4053 --host 0.0.0.0 --public-host client.example --config job.json --out /shared/out",
        ],
        ["blocking"] =
        [
            "adrn blocking --config examples/febrl4.json",
            "adrn blocking --config examples/employee-employer.json --var data=demo-out/data --html blocking.html",
            "adrn blocking --config examples/employee-employer-hand-keyed.json --var data=hand-keyed --truth hand-keyed/truth/employee_employer.csv",
        ],
        ["evaluate"] =
        [
            "adrn evaluate --links out-ee/links.arrow --truth demo-out/data/truth/employee_employer.csv --threshold 0.5",
            "adrn evaluate --links out-ee/links.parquet",
        ],
        ["node"] =
        [
            "adrn node --role seed --port 4053",
            "adrn node --role worker --port 4054 --seed-nodes akka.tcp://adrn@127.0.0.1:4053",
        ],
        ["regress"] =
        [
            "adrn regress --data demo-out/linked_panel.parquet --formula \"log_pay ~ age + qualification_level | employer_key + year\" --vcov cluster:employer_key",
            "adrn regress --data panel.parquet --formula \"log_pay ~ age + csw(qualification_level, hours) | year\" --formula \"log_pay ~ age | employer_key\" --out table.tex",
        ],
        ["akm"] =
        [
            "adrn akm --data demo-out/data/employees.arrow --y \"log(annual_pay)\" --controls \"i(year)\"",
            "adrn akm --data panel.arrow --worker person_key --firm employer_key --y log_pay --correction kss --out akm.json",
        ],
        ["prodfun"] =
        [
            "adrn prodfun --data data/business_survey.csv",
            "adrn prodfun --data data/business_survey.csv --method op --proxy \"log(investment)\" --bootstrap 200 --out prodfun.json",
        ],
        ["review"] =
        [
            "adrn review sample --job review-job --config examples/febrl4.json --n 200",
            "adrn review import --job review-job --labels review-job/review/review-sheet.csv",
        ],
        ["review sample"] =
        [
            "adrn review sample --job review-job --config examples/febrl4.json --n 200 --strategy stratified",
        ],
        ["review import"] =
        [
            "adrn review import --job review-job --labels review-job/review/review-sheet.csv",
        ],
        ["review compare"] =
        [
            "adrn review compare --job review-job --config examples/febrl4.json",
        ],
        ["encode"] =
        [
            "adrn encode --input cohort.csv --out cohort-encoded.csv --id cohort_id --encode forename:name,surname:name,postcode:postcode --block postcode:district --key-file secret.key",
        ],
        ["dataset"] =
        [
            "adrn dataset init --spec examples/dataset/productive-society.json --store store",
            "adrn dataset add-wave --store store --source payroll --wave 2021 --input synth/waves/2021/employees.csv",
            "adrn dataset release --store store --out release --key-file release.key",
        ],
        ["dataset init"] =
        [
            "adrn dataset init --spec examples/dataset/productive-society.json --store store",
        ],
        ["dataset add-wave"] =
        [
            "adrn dataset add-wave --store store --source register --wave 2021 --input synth/waves/2021/employers.csv",
            "adrn dataset add-wave --store store --source payroll --wave 2022 --input synth/waves/2022/employees.csv --retrain",
        ],
        ["dataset relink"] =
        [
            "adrn dataset relink --store store --report relink.json",
            "adrn dataset relink --store store --job new-job.json --source payroll --spine person --retrain",
        ],
        ["dataset entities"] =
        [
            "adrn dataset entities --store store --out entities.csv",
        ],
        ["dataset release"] =
        [
            "adrn dataset release --store store --out release-2021 --key-file release.key --formats parquet,csv,arrow",
            "adrn dataset release --store store --out cohort-release --key-file cohort.key --cohort",
        ],
        ["dataset add-source"] =
        [
            "adrn dataset add-source --store store --definition examples/dataset/survey-source.json",
        ],
        ["dataset status"] =
        [
            "adrn dataset status --store store",
            "adrn dataset status --store store --json",
        ],
    };

    /// <summary>
    /// Options a command cannot run without, per command path: marked <c>(REQUIRED)</c> in <c>--help</c>, and a missing
    /// one is a usage error naming it. Options required only in some modes (<c>link --config</c> unless <c>--resume</c>)
    /// say so in their own description instead.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Required { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["regress"] = ["--data", "--formula"],
        ["akm"] = ["--data"],
        ["prodfun"] = ["--data"],
    };
}
