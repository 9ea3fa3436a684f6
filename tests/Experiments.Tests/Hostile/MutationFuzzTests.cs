using System.Text;
using MarketSim.Experiments.Config;
using MarketSim.Experiments.Sweeps;
using MarketSim.Experiments.Tests.Sweeps;
using MarketSim.Market.Randomness;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.Hostile;

/// <summary>
/// Seeded fuzzing of the validation entry points: mutated experiment and sweep files must either validate or be
/// refused with a <see cref="ConfigException"/> (exit 2), never throw anything else. In-process, so 10,000 mutations
/// take seconds; every limit (depth, aliases, list length, planned runs, memory) bounds the work of one case.
/// </summary>
public class MutationFuzzTests
{
    private const int Mutations = 10_000;

    // Fragments a careless or hostile edit would bring: structure, anchors and aliases, extremes, odd scalars.
    private static readonly string[] Fragments =
    [
        "[", "]", "{", "}", ":", ": ", "- ", "\n", "\n  ", "&a ", "*a", "&b [*a, *a, *a]", "<<: *a", "#", "'", "\"", "\t", "\0",
        "1e308", "-1e308", "1e-300", "nan", ".inf", "-0", "0x1F", "99999999999999999999", "-1", "0", "2147483648",
        "[1, 2, 3]", "[0.1, 0.9]", "{a: 1}", "true", "null", "~", "!!binary AAAA", "? [a]\n: 1", "\u0007", "é", "x\u2028y",
        "providers[*].price", "sweep:\n  replications: 100000\n", "name: [a, b]\n", "users:\n  count: 100000000\n",
    ];

    [Fact]
    public void Mutated_files_validate_or_are_refused_with_a_config_error_never_anything_else()
    {
        var experiment = TestFiles.Baseline.Replace("count: 10000", "count: 500", StringComparison.Ordinal);
        var sweep = SweepFiles.Tiny();
        var random = new CounterRandom(20261201);
        int valid = 0, refused = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var source = i % 2 == 0 ? experiment : sweep;
            var mutated = Mutate(source, random, i);
            try
            {
                Validate(mutated);
                valid++;
            }
            catch (ConfigException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} threw {e.GetType().Name}: {e.Message}\n--- file ---\n{mutated}");
            }
        }
        Assert.Equal(Mutations, valid + refused);
        Assert.True(refused > Mutations / 10, $"only {refused} of {Mutations} mutations were refused: the mutations are too weak to test anything");
        Assert.True(valid > 0, "no mutation validated: the base files are broken");
    }

    /// <summary>What `marketsim validate` does with a file, in-process.</summary>
    private static void Validate(string text)
    {
        const string path = "fuzz.yaml";
        var root = YamlFile.Parse(path, text);
        if (root.Has("sweep")) SweepReader.Parse(path, text, InputLimits.DefaultMaxRuns);
        else ExperimentReader.Read(root, text, partOfSweep: false);
    }

    /// <summary>One to three edits: insert a fragment, delete a span, duplicate or swap lines, or replace a number.</summary>
    private static string Mutate(string text, CounterRandom random, int index)
    {
        var s = new StringBuilder(text);
        var edits = 1 + (int)(Draw(random, index, 0) % 3);
        for (var e = 0; e < edits; e++)
        {
            var kind = Draw(random, index, 10 + e) % 5;
            var at = (int)(Draw(random, index, 20 + e) % (ulong)Math.Max(1, s.Length));
            switch (kind)
            {
                case 0:
                    s.Insert(at, Fragments[Draw(random, index, 30 + e) % (ulong)Fragments.Length]);
                    break;
                case 1:
                    s.Remove(at, Math.Min(s.Length - at, 1 + (int)(Draw(random, index, 40 + e) % 40)));
                    break;
                case 2:
                {
                    var lines = s.ToString().Split('\n').ToList();
                    var line = (int)(Draw(random, index, 50 + e) % (ulong)lines.Count);
                    lines.Insert(line, lines[line]);
                    s = new StringBuilder(string.Join('\n', lines));
                    break;
                }
                case 3:
                {
                    var lines = s.ToString().Split('\n');
                    int a = (int)(Draw(random, index, 60 + e) % (ulong)lines.Length), b = (int)(Draw(random, index, 70 + e) % (ulong)lines.Length);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    s = new StringBuilder(string.Join('\n', lines));
                    break;
                }
                default:
                {
                    var all = s.ToString();
                    var digit = all.IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0) s = new StringBuilder(all[..digit] + Fragments[18 + (int)(Draw(random, index, 80 + e) % 9)] + all[(digit + 1)..]);
                    break;
                }
            }
        }
        return s.ToString();
    }

    private static ulong Draw(CounterRandom random, int index, int draw) => random.Bits(RandomStream.Design, index, 0, draw);
}
