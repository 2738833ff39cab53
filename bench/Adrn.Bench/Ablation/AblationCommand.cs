using System.Globalization;
using Adrn.Synthetic;

namespace Adrn.Bench.Ablation;

/// <summary>
/// <c>Adrn.Bench ablation [--employers 20000] [--records 200000] [--cohort 20000] [--seed 7] [--out bench/results] [--work DIR]</c>:
/// runs <see cref="HandKeyedAblation"/> and writes <c>hand-keyed-ablation.md</c>.
/// </summary>
public static class AblationCommand
{
    /// <summary>Parses the arguments and runs the ablation.</summary>
    /// <param name="args">Arguments after <c>ablation</c>.</param>
    /// <returns>Exit code: 0 written, 2 bad usage.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SyntheticPopulationOptions { Employers = 20_000, Employees = 200_000, Cohort = 20_000, Years = 2, Seed = 7, Formats = OutputFormats.Csv };
        var results = "bench/results";
        var work = Path.Combine(Path.GetTempPath(), "adrn-ablation");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--employers": options = options with { Employers = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--records": options = options with { Employees = long.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--cohort": options = options with { Cohort = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--seed": options = options with { Seed = ulong.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--out": results = Next(); break;
                case "--work": work = Next(); break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'");
                    return 2;
            }
        }

        var examples = Path.Combine(FindRoot(), "examples");
        var rows = HandKeyedAblation.Run(examples, work, options, Console.WriteLine);
        var table = HandKeyedAblation.ToMarkdown(rows);
        Directory.CreateDirectory(results);
        var path = Path.Combine(results, "hand-keyed-ablation.md");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
            $"# Hand-keyed employer fields: precision, recall and F1 as each part is added\n\n{options.Employers:N0} employers, {options.Employees:N0} payroll rows ({options.Years} years), {options.Cohort:N0} cohort members, seed {options.Seed}; links at p >= 0.5; run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n{table}"));
        Console.WriteLine(table);
        Console.WriteLine($"written {path}");
        return 0;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Adrn.Engine.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Adrn.Engine.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no Adrn.Engine.sln above the harness or the current folder (the examples are read from the repository)");
    }
}
