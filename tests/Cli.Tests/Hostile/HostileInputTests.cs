using System.Text;

namespace MarketSim.Cli.Tests.Hostile;

/// <summary>
/// Hostile and careless inputs, one file each in this folder (the three that would be megabytes are generated here):
/// every one exits 2 with a message naming the problem, under a 512 MB GC heap limit (runaway memory would fail with
/// another code), and writes and deletes nothing in its working directory.
/// </summary>
public class HostileInputTests
{
    private static readonly Dictionary<string, string> HeapLimit = new() { ["DOTNET_GCHeapHardLimit"] = "0x20000000" };

    public static TheoryData<string, string> Files => new()
    {
        // file in tests/Cli.Tests/Hostile, words the error must contain
        { "alias-bomb.yaml", "limit: alias expansion" },
        { "alias-swept-list.yaml", "limit: alias expansion" },
        { "planned-runs.yaml", "limit: planned runs" },
        { "q-table-memory.yaml", "limit: memory" },
        { "users-memory.yaml", "limit: memory" },
        { "key-is-list.yaml", "a mapping key is a list or a mapping" },
        { "name-too-long.yaml", "key 'name': the name is 300 characters long" },
        { "name-control-characters.yaml", "key 'name': 'hostile??name' cannot be a folder name" },
        { "provider-name-newline.yaml", "key 'providers[0].name': 'A?B' contains control characters" },
        { "sweep-name-as-list.yaml", "key 'name': the experiment name is written as a list" },
        { "huge-price.yaml", "key 'providers[0].price': value 1e308 is out of range; accepted: a number in [0, 1000000]" },
        { "tiny-capacity.yaml", "key 'providers[0].cell_capacity_mbps': value 1e-300 is out of range" },
        { "network-tiny-rtt.yaml", "key 'users[0].paths[0].rtt': value 1e-300 is out of range" },
        { "network-link-twice.yaml", "link 'wifi' is crossed twice" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_hostile_file_exits_2_naming_the_problem_and_touches_nothing(string name, string expected)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, name);
        File.Copy(CliProcess.RepositoryFile(Path.Combine("tests", "Cli.Tests", "Hostile", name)), file);
        foreach (var args in Commands(file))
        {
            var before = Snapshot(folder);
            var result = CliProcess.RunWith(folder, HeapLimit, args);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: exit {result.ExitCode}, stderr: {result.Stderr}");
            Assert.Contains(expected, result.Stderr);
            Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.Equal(before, Snapshot(folder));
        }
    }

    public static TheoryData<string, string> GeneratedFiles => new()
    {
        { "deep-nesting", "limit: nesting depth" },
        { "big-file", "limit: file size" },
        { "long-list", "limit: list length" },
    };

    [Theory]
    [MemberData(nameof(GeneratedFiles))]
    public void A_huge_generated_file_exits_2_naming_the_limit_and_touches_nothing(string kind, string expected)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, kind + ".yaml");
        File.WriteAllText(file, kind switch
        {
            // 100,000 nested brackets crashed the reader with a stack overflow (exit 134).
            "deep-nesting" => "name: x\nticks: " + new string('[', 100_000) + new string(']', 100_000) + "\n",
            // 2 MB of comments: the file alone is refused before it is read.
            "big-file" => "name: x\n" + string.Concat(Enumerable.Repeat("# padding padding padding padding padding padding padding\n", 40_000)),
            // A swept list of 20,000 values (a 40 MB list took 3 GB).
            _ => "name: x\nticks: 2\nsweep: {replications: 1}\nseed: [" + string.Join(", ", Enumerable.Range(0, 20_000)) + "]\n",
        });
        var before = Snapshot(folder);
        var result = CliProcess.RunWith(folder, HeapLimit, "sweep", file, "--out", "out");
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        Assert.Contains(expected, result.Stderr);
        Assert.Equal(before, Snapshot(folder));
    }

    [Theory]
    [InlineData("run", "--out", "")]
    [InlineData("run", "--out", "/")]
    [InlineData("run", "--out", ".")]
    [InlineData("sweep", "--out", "")]
    [InlineData("sweep", "--out", "..")]
    public void An_empty_or_root_like_out_folder_is_refused_before_anything_is_written(string verb, string option, string value)
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "x.yaml");
        File.WriteAllText(file, verb == "run" ? SmallExperiment : CliProcess.TinySweep(ticks: 2, replications: 1));
        Directory.CreateDirectory(Path.Combine(folder, "runs"));
        File.WriteAllText(Path.Combine(folder, "runs", "p000-flat-r000.parquet"), "not mine");
        var before = Snapshot(folder);
        var result = CliProcess.Run(folder, verb, file, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("key '--out'", result.Stderr);
        Assert.Equal(before, Snapshot(folder));
    }

    [Fact]
    public void Command_line_parse_errors_exit_2_in_words()
    {
        var result = CliProcess.Run(CliProcess.NewFolder(), "run", "x.yaml", "--seed", "abc");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: command line:", result.Stderr);
        Assert.Contains("a whole number >= 0", result.Stderr);
        Assert.DoesNotContain("System.", result.Stderr);
    }

    [Fact]
    public void A_sweep_into_a_folder_that_is_not_its_own_deletes_nothing()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "x.yaml");
        File.WriteAllText(file, CliProcess.TinySweep(ticks: 2, replications: 1));
        var unrelated = Path.Combine(folder, "data");
        Directory.CreateDirectory(Path.Combine(unrelated, "deep", "runs"));
        File.WriteAllText(Path.Combine(unrelated, "deep", "keep.partial"), "a user's file");
        File.WriteAllText(Path.Combine(unrelated, "deep", "runs", "a.parquet"), "a user's file");
        Directory.CreateDirectory(Path.Combine(unrelated, "user_metrics"));
        File.WriteAllText(Path.Combine(unrelated, "user_metrics", "b.parquet"), "a user's file");
        var before = Snapshot(folder);
        var result = CliProcess.Run(folder, "sweep", file, "--out", "data");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a sweep's results folder", result.Stderr);
        Assert.Equal(before, Snapshot(folder));
    }

    [Fact]
    public void Run_and_sweep_folders_refuse_each_other()
    {
        var folder = CliProcess.NewFolder();
        File.WriteAllText(Path.Combine(folder, "run.yaml"), SmallExperiment);
        File.WriteAllText(Path.Combine(folder, "sweep.yaml"), CliProcess.TinySweep(ticks: 2, replications: 1));
        Assert.Equal(0, CliProcess.Run(folder, "run", "run.yaml", "--out", "a").ExitCode);
        Assert.Equal(0, CliProcess.Run(folder, "sweep", "sweep.yaml", "--out", "b", "--workers", "1").ExitCode);
        var before = Snapshot(folder);
        var sweepIntoRun = CliProcess.Run(folder, "sweep", "sweep.yaml", "--out", "a");
        Assert.Equal(2, sweepIntoRun.ExitCode);
        Assert.Contains("single run's results", sweepIntoRun.Stderr);
        var runIntoSweep = CliProcess.Run(folder, "run", "run.yaml", "--out", "b");
        Assert.Equal(2, runIntoSweep.ExitCode);
        Assert.Contains("holds a sweep's results", runIntoSweep.Stderr);
        Assert.Equal(before, Snapshot(folder));
    }

    [Fact]
    public void A_cluster_sweep_whose_port_is_taken_fails_before_touching_its_folder()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, CliProcess.TinySweep(ticks: 2, replications: 1));
        Assert.Equal(0, CliProcess.Run(folder, "sweep", file, "--out", "s", "--workers", "1").ExitCode);
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var before = Snapshot(folder);
        var result = CliProcess.Run(folder, "sweep", file, "--out", "s", "--cluster", $"127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot listen", result.Stderr);
        Assert.Equal(before, Snapshot(folder));
    }

    [Fact]
    public void A_report_over_a_truncated_run_file_names_the_file_instead_of_reading_it()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, CliProcess.TinySweep(ticks: 2, replications: 1));
        Assert.Equal(0, CliProcess.Run(folder, "sweep", file, "--out", "s", "--workers", "1").ExitCode);
        var victim = Directory.GetFiles(Path.Combine(folder, "s", "runs")).Order().First();
        File.WriteAllBytes(victim, File.ReadAllBytes(victim)[..100]);
        var result = CliProcess.Run(folder, "plot", "s");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.GetFileName(victim), result.Stderr);
        Assert.Contains("does not match the hash recorded", result.Stderr);
    }

    internal const string SmallExperiment = """
        name: small
        ticks: 3
        users: {count: 300, price_sensitivity: 0.5, review_probability: 0.03}
        providers:
          - {name: A, technology: 3g, cell_capacity_mbps: 10, peak_rate_mbps: 5, rtt_ms: 80, price: 10}
          - {name: B, technology: wlan, cell_capacity_mbps: 30, peak_rate_mbps: 20, rtt_ms: 20, price: 8}
        """;

    private static IEnumerable<string[]> Commands(string file)
    {
        var text = File.ReadAllText(file);
        if (Path.GetFileName(file).StartsWith("network-", StringComparison.Ordinal)) return [["flows", file]];
        if (text.Contains("\nsweep:", StringComparison.Ordinal)) return [["sweep", file, "--out", "out"]];
        return [["validate", file], ["run", file, "--out", "out"]];
    }

    /// <summary>Every file and folder below <paramref name="folder"/> with its size and a hash of its bytes.</summary>
    internal static string Snapshot(string folder)
    {
        var text = new StringBuilder();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.Append(Path.GetRelativePath(folder, entry));
            if (File.Exists(entry)) text.Append(' ').Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(entry))));
            text.Append('\n');
        }
        return text.ToString();
    }
}
