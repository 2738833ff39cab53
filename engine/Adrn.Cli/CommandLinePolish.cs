using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Adrn.Linkage.Comparison.Metrics;

namespace Adrn.Cli;

/// <summary>
/// The one place that makes every <c>adrn</c> command behave alike for a person at a terminal, whoever wrote it:
/// examples in every <c>--help</c> and required options marked (<see cref="Apply"/>, from <see cref="CommandGuide"/>),
/// and usage errors in plain language with a suggestion for a mistyped command or option (<see cref="Explain"/>).
/// </summary>
public static partial class CommandLinePolish
{
    /// <summary>Adds the guide's examples to every command's help and marks its required options.</summary>
    /// <param name="root">The root command with every command registered.</param>
    public static void Apply(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var (path, command) in Walk(root, string.Empty))
        {
            if (CommandGuide.Required.TryGetValue(path, out var required))
            {
                foreach (var name in required)
                {
                    var option = command.Options.FirstOrDefault(o => o.Name == name)
                        ?? throw new InvalidOperationException($"CommandGuide marks '{name}' of 'adrn {path}' as required, but the command has no such option.");
                    option.Required = true;
                }
            }

            if (CommandGuide.Examples.TryGetValue(path, out var examples) && examples.Length > 0)
            {
                var text = new StringBuilder(command.Description ?? string.Empty).Append("\n\nExamples:");
                foreach (var example in examples) text.Append("\n  ").Append(example);
                command.Description = text.ToString();
            }
        }
    }

    /// <summary>Every command of the tree with its path (<c>""</c> for the root, <c>"review sample"</c>).</summary>
    /// <param name="command">The root of the (sub)tree.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The commands, depth first.</returns>
    public static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        ArgumentNullException.ThrowIfNull(command);
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var child in Walk(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name)) yield return child;
        }
    }

    /// <summary>
    /// The parse errors in plain language: a value that is not of the option's kind says what is expected, a missing
    /// required option says what it is for, and an unknown command or option is answered with the nearest one.
    /// </summary>
    /// <param name="result">A parse result with errors.</param>
    /// <returns>One message per problem (without the <c>adrn:</c> prefix), then where to find help.</returns>
    public static IReadOnlyList<string> Explain(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        var path = CommandPath(result.CommandResult);
        var messages = new List<string>();
        var unknown = result.Errors.Select(e => Unrecognized().Match(e.Message)).Where(m => m.Success).Select(m => m.Groups["token"].Value).ToList();
        string? previousUnknownOption = null;
        foreach (var error in result.Errors)
        {
            var message = error.Message;
            if (Unrecognized().Match(message) is { Success: true } u)
            {
                var token = u.Groups["token"].Value;
                if (token.StartsWith('-'))
                {
                    previousUnknownOption = token;
                    var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
                    messages.Add($"'{token}' is not an option of 'adrn {path}'.".Replace("adrn ' ", "adrn '", StringComparison.Ordinal)
                        + Suggestion(token, names));
                }
                else if (previousUnknownOption is not null && IsValueOf(result, previousUnknownOption, token))
                {
                    // The value of the mistyped option: reported with it.
                }
                else
                {
                    var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
                    messages.Add(subcommands.Count > 0
                        ? $"'{token}' is not a command of 'adrn{(path.Length == 0 ? string.Empty : " " + path)}'.{Suggestion(token, subcommands)}"
                        : $"'{token}' is not an argument of 'adrn {path}' (options start with --).");
                }
            }
            else if (message == "Required command was not provided.")
            {
                if (unknown.Count == 0)
                    messages.Add($"say which command to run: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}.");
            }
            else if (CannotParse().Match(message) is { Success: true } p && Option(command, p.Groups["option"].Value) is { } option)
            {
                messages.Add($"{p.Groups["option"].Value}: '{p.Groups["value"].Value}' is not {Expected(option)}.");
            }
            else if (RequiredOption().Match(message) is { Success: true } r && Option(command, r.Groups["option"].Value) is { } missing)
            {
                messages.Add($"{missing.Name} is required: {FirstSentence(missing.Description)}");
            }
            else
            {
                messages.Add(message);
            }
        }

        messages.Add($"Run 'adrn{(path.Length == 0 ? string.Empty : " " + path)} --help' for usage and examples.");
        return messages;
    }

    private static bool IsValueOf(ParseResult result, string option, string token)
    {
        var tokens = result.Tokens.Select(t => t.Value).ToList();
        var i = tokens.IndexOf(option);
        return i >= 0 && i + 1 < tokens.Count && tokens[i + 1] == token;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            if (c.Parent is null) break; // the root
            names.Add(c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static Option? Option(Command command, string name) =>
        command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    /// <summary>What a value of the option looks like, in words.</summary>
    private static string Expected(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type.IsArray) type = type.GetElementType()!;
        var example = $"{option.Name} ";
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => $"a whole number (e.g. {example}4)",
            _ when type == typeof(ulong) || type == typeof(uint) => $"a whole number of 0 or more (e.g. {example}42)",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => $"a number (e.g. {example}0.5)",
            _ when type == typeof(bool) => "true or false",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
            _ => $"a valid {type.Name.ToLowerInvariant()}",
        };
    }

    private static string FirstSentence(string? description)
    {
        if (string.IsNullOrWhiteSpace(description)) return "see --help.";
        var end = description.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? description : description[..(end + 1)];
    }

    /// <summary>" Did you mean 'x'?" for the nearest candidate within a small edit distance (or sharing the typed prefix), else empty.</summary>
    private static string Suggestion(string typed, IEnumerable<string> candidates)
    {
        var bare = typed.TrimStart('-');
        var best = candidates.Distinct()
            .Select(c => (Name: c, Distance: StringMetrics.DamerauLevenshtein(bare.ToLowerInvariant(), c.TrimStart('-').ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, c.Name.TrimStart('-').Length / 3) || (bare.Length >= 3 && c.Name.TrimStart('-').StartsWith(bare, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(2).ToList();
        return best.Count switch
        {
            0 => string.Empty,
            1 => $" Did you mean '{best[0].Name}'?",
            _ => string.Create(CultureInfo.InvariantCulture, $" Did you mean '{best[0].Name}' or '{best[1].Name}'?"),
        };
    }

    [GeneratedRegex("^Unrecognized command or argument '(?<token>.*)'\\.$")]
    private static partial Regex Unrecognized();

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'\\.$")]
    private static partial Regex CannotParse();

    [GeneratedRegex("^Option '(?<option>[^']*)' is required\\.$")]
    private static partial Regex RequiredOption();
}
