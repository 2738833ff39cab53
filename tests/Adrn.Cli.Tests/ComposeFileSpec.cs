using System.Text;
using YamlDotNet.RepresentationModel;

namespace Adrn.Cli.Tests;

/// <summary>
/// docker-compose.yml, validated without Docker (<c>docker compose config</c> is not available here): parsed as YAML
/// (merge keys resolved), every service's adrn command is parsed by adrn's own command line, every host it names is
/// a service, every volume and dependency it references exists, and the build never writes into the repository.
/// </summary>
public sealed class ComposeFileSpec
{
    private static readonly YamlMappingNode Compose = Load(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));

    private static YamlMappingNode Services => (YamlMappingNode)Compose["services"];

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (var service in ((YamlMappingNode)root["services"]).Children.Values.OfType<YamlMappingNode>()) Merge(service);
        return root;
    }

    /// <summary>YAML merge keys (<c>&lt;&lt;: *anchor</c>): the anchored mapping's keys that the service does not set itself.</summary>
    private static void Merge(YamlMappingNode service)
    {
        var mergeKey = new YamlScalarNode("<<");
        if (!service.Children.TryGetValue(mergeKey, out var merged)) return;
        service.Children.Remove(mergeKey);
        foreach (var (key, value) in ((YamlMappingNode)merged).Children)
            if (!service.Children.ContainsKey(key)) service.Children.Add(key, value);
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

    /// <summary>A service's command (or entrypoint) as arguments: a list as given, a string split as compose splits it (shell-like quotes).</summary>
    private static List<string> Arguments(YamlMappingNode service, string key)
    {
        if (!service.Children.TryGetValue(new YamlScalarNode(key), out var node)) return [];
        if (node is YamlSequenceNode list) return [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)];
        var text = ((YamlScalarNode)node).Value!;
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var ch in text)
        {
            if (ch == '"') { quoted = !quoted; any = true; }
            else if (char.IsWhiteSpace(ch) && !quoted)
            {
                if (any) args.Add(current.ToString());
                current.Clear();
                any = false;
            }
            else { current.Append(ch); any = true; }
        }

        Assert.False(quoted, $"unbalanced quote in {text}");
        if (any) args.Add(current.ToString());
        return args;
    }

    /// <summary>The adrn arguments of a service (after <c>dotnet /app/adrn.dll</c>), or null when it does not run adrn.</summary>
    private static List<string>? AdrnArguments(YamlMappingNode service)
    {
        var args = Arguments(service, "entrypoint").Concat(Arguments(service, "command")).ToList();
        var dll = args.FindIndex(a => a.EndsWith("/adrn.dll", StringComparison.Ordinal));
        if (dll < 0) return null;
        Assert.Equal("dotnet", args[0]);
        return args[(dll + 1)..];
    }

    [Fact]
    public void Every_adrn_service_command_is_a_valid_adrn_invocation_naming_only_existing_services()
    {
        var services = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var adrnServices = new List<string>();
        foreach (var name in services)
        {
            var args = AdrnArguments(Service(name));
            if (args is null) continue;
            adrnServices.Add(name);
            // `docker compose run --rm link --config ... --out ...` appends the user's arguments to the entrypoint.
            if (Arguments(Service(name), "command").Count == 0) args.AddRange(["--config", "/work/job.json", "--out", "/work/out"]);
            var parse = AdrnCommandLine.CreateRootCommand().Parse([.. args]);
            Assert.True(parse.Errors.Count == 0, $"{name}: adrn {string.Join(' ', args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");

            // Hosts in akka addresses and connection strings are services of this file.
            foreach (var arg in args)
            {
                foreach (var address in arg.Split(',').Where(a => a.StartsWith("akka.tcp://", StringComparison.Ordinal)))
                {
                    var host = address.Split('@')[1].Split(':')[0];
                    Assert.True(services.Contains(host), $"{name}: {address} names host '{host}', which is no service");
                }

                if (arg.StartsWith("Host=", StringComparison.Ordinal))
                    Assert.Contains(arg.Split(';')[0]["Host=".Length..], services);
            }

            var bind = args.IndexOf("--host");
            if (bind >= 0 && args[0] == "node") Assert.Equal(name, args[bind + 1]); // a node is reached at its service name
        }

        Assert.Equal(["link", "seed", "worker1", "worker2"], adrnServices.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_volume_and_dependency_a_service_references_exists()
    {
        var services = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var volumes = ((YamlMappingNode)Compose["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        foreach (var name in services)
        {
            var service = Service(name);
            if (service.Children.TryGetValue(new YamlScalarNode("volumes"), out var v))
            {
                foreach (var mount in ((YamlSequenceNode)v).Children.Select(c => ((YamlScalarNode)c).Value!))
                {
                    var source = mount.Split(':')[0];
                    if (source.StartsWith('.') || source.StartsWith('/')) continue; // a bind mount
                    Assert.True(volumes.Contains(source), $"{name}: volume '{source}' is not declared under volumes:");
                }
            }

            if (service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var d))
            {
                var dependencies = d is YamlSequenceNode list ? list.Children.Select(c => ((YamlScalarNode)c).Value!)
                    : ((YamlMappingNode)d).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);
                foreach (var dependency in dependencies) Assert.True(services.Contains(dependency), $"{name} depends on '{dependency}', which is no service");
            }
        }
    }

    [Fact]
    public void The_seed_has_a_healthcheck_the_workers_and_the_client_wait_for()
    {
        var seed = Service("seed");
        Assert.True(seed.Children.ContainsKey(new YamlScalarNode("healthcheck")), "the seed has no healthcheck");
        var test = Arguments((YamlMappingNode)seed["healthcheck"], "test");
        Assert.Contains(test, t => t.Contains("/dev/tcp/seed/4053", StringComparison.Ordinal)); // the port the seed listens on
        foreach (var name in new[] { "worker1", "worker2", "link" })
        {
            var dependsOn = (YamlMappingNode)Service(name)["depends_on"];
            Assert.Equal("service_healthy", Scalar((YamlMappingNode)dependsOn["seed"], "condition"));
        }
    }

    [Fact]
    public void The_build_reads_the_repository_read_only_and_keeps_its_build_files_in_a_named_volume()
    {
        var build = Service("build");
        var mounts = ((YamlSequenceNode)build["volumes"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        Assert.Contains(".:/src:ro", mounts);
        var command = Arguments(build, "command");
        var artifacts = command.IndexOf("--artifacts-path");
        Assert.True(artifacts > 0, string.Join(' ', command));
        Assert.Contains(mounts, m => m.EndsWith(":" + command[artifacts + 1], StringComparison.Ordinal) && !m.StartsWith('.'));
        Assert.Equal("/app", command[command.IndexOf("-o") + 1]);
    }
}
