using MarketSim.Market.Choice;
using MarketSim.Market.Dynamics;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Market.Randomness;

namespace MarketSim.Market.Tests;

/// <summary>
/// The decision kernel (month tables, shared exps) against the utility and logit definitions evaluated directly, in an
/// asymmetric market with every tariff kind (flat, usage with an allowance, performance rebate), resellers, partial
/// coverage and uneven measured rates.
/// </summary>
public class DecisionKernelTests
{
    private static MarketSpec MixedTariffs(int users = 1200) => PlanMarkets.WithResellers(users) is var spec
        ? spec with
        {
            Providers =
            [
                spec.Providers[0] with { Quality = 1.5, Tariff = new Tariff(AllowanceGb: 4, OveragePerGb: 2.5, PromisedMbps: 0, Rebate: 0) },
                spec.Providers[1] with { Quality = 0.5, Tariff = new Tariff(double.PositiveInfinity, 0, PromisedMbps: 6, Rebate: 0.6) },
                spec.Providers[2],
                spec.Providers[3] with { Quality = 0.25 },
                spec.Providers[4],
            ],
        }
        : throw new InvalidOperationException();

    /// <summary>Rates that differ by cell and path (a few cells at zero), reproducible.</summary>
    internal static MarketView UnevenView(MarketSpec spec, MarketStructure structure, int tick, IReadOnlyList<bool>? withdrawn = null)
    {
        var random = new CounterRandom(99);
        var rates = new double[structure.CellCount * structure.Catalogue.MaxPaths];
        for (var x = 0; x < rates.Length; x++)
        {
            var u = random.Uniform(RandomStream.Location, x, tick);
            rates[x] = u < 0.05 ? 0 : 12 * u;
        }
        var fees = spec.Providers.Select((p, i) => p.InitialPrice + 0.7 * i + 0.1 * tick).ToArray();
        return new MarketView(tick, fees, new ThroughputTable(structure, rates), withdrawn);
    }

    [Fact]
    public void Table_utilities_equal_the_direct_utility_to_the_last_bits()
    {
        var spec = MixedTariffs();
        var structure = spec.BuildStructure();
        var view = UnevenView(spec, structure, 3);
        var table = MonthUtilityTable.Build(structure, spec.Population, view);
        Assert.True(table.AnyUsageBilled);
        var catalogue = structure.Catalogue;
        var compared = 0;
        foreach (var value in new[] { 0.0, 3.7, 11.2 })
        {
            foreach (var usage in new[] { 0.5, 4.0, 9.3 })
            {
                for (var l = 0; l < structure.Locations; l++)
                {
                    foreach (var capable in new[] { false, true })
                    {
                        var set = MonthUtilityTable.SetOf(l, capable);
                        var options = table.Options(set);
                        Assert.Equal(structure.Available(l, capable).ToArray(), options);
                        for (var held = 0; held < catalogue.Count; held++)
                        {
                            for (var k = 0; k < options.Length; k++)
                            {
                                var direct = PortfolioUtility.Of(catalogue[options[k]], catalogue[held], l, value, usage, structure, spec.Population, view);
                                var kernel = table.Utility(table.RowStart(set, held) + k, set, held, k, value, usage);
                                Assert.Equal(direct, kernel, 1e-12 * Math.Max(1, Math.Abs(direct)));
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        Assert.True(compared > 500);
    }

    /// <summary>Runs the chunk kernel on users given row by row (user j's options at [j × width, j × width + counts[j])),
    /// laid out option-major and padded to whole vectors as the kernel takes them; entries beyond the options the kernel
    /// computes for a vector hold NaN (as a reused scratch holds leftovers), so a read of them would show.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void Table_value_and_bills_are_the_direct_parts_to_the_last_bit(double downtimeCost)
    {
        // What churn causes compare: Parts' Value and Bills, bit for bit, wherever the table answers (every option a set
        // can buy whose bills do not depend on the user's traffic), with outages priced or not.
        var mixed = MixedTariffs();
        var spec = mixed with
        {
            Providers = [(IspSpec)mixed.Providers[0] with { OutageProbability = 0.2, OutageHours = 40 }, .. mixed.Providers.Skip(1)],
            Population = mixed.Population with { DowntimeCost = downtimeCost },
        };
        var structure = spec.BuildStructure();
        var view = UnevenView(spec, structure, 3);
        var table = MonthUtilityTable.Build(structure, spec.Population, view);
        var catalogue = structure.Catalogue;
        int answered = 0, declined = 0;
        foreach (var value in new[] { 0.0, 3.7, 11.2 })
        {
            for (var l = 0; l < structure.Locations; l++)
            {
                foreach (var capable in new[] { false, true })
                {
                    var set = MonthUtilityTable.SetOf(l, capable);
                    for (var held = 0; held < catalogue.Count; held++)
                    {
                        for (var option = 0; option < catalogue.Count; option++)
                        {
                            var direct = PortfolioUtility.Parts(catalogue[option], catalogue[held], l, value, 2.5, structure, spec.Population, view);
                            var position = table.PositionOf(set, option);
                            var usageBilled = position >= 0 && table.UsageBilled(table.RowStart(set, held) + position);
                            if (!table.TryValueAndBills(set, held, option, value, out var kernelValue, out var kernelBills))
                            {
                                Assert.True(position < 0 || usageBilled);
                                declined++;
                                continue;
                            }
                            Assert.False(position < 0 || usageBilled);
                            Assert.Equal(BitConverter.DoubleToInt64Bits(direct.Value), BitConverter.DoubleToInt64Bits(kernelValue));
                            Assert.Equal(BitConverter.DoubleToInt64Bits(direct.Bills), BitConverter.DoubleToInt64Bits(kernelBills));
                            answered++;
                        }
                    }
                }
            }
        }
        Assert.True(answered > 500 && declined > 50, $"answered {answered}, declined {declined}");
    }

    [Fact]
    public void A_month_table_that_takes_last_months_arrays_has_the_numbers_of_a_fresh_one()
    {
        // For shares a month's table among a run's blocks and gives its arrays to the next month's once every reader released
        // it; a table still read keeps them. Usage tariffs, rebates and withdrawn plans change between the months, so stale
        // numbers would show.
        var spec = MixedTariffs();
        var structure = spec.BuildStructure();
        var first = MonthUtilityTable.For(structure, spec.Population, UnevenView(spec, structure, 3));
        var second = MonthUtilityTable.For(structure, spec.Population, UnevenView(spec, structure, 4, [false, true, false, false, false, false, false]));
        Assert.False(first.Retired); // still read: the second month got arrays of its own
        AssertSameTable(MonthUtilityTable.Build(structure, spec.Population, first.View), first);
        first.Release();
        second.Release();
        var third = MonthUtilityTable.For(structure, spec.Population, UnevenView(spec, structure, 5));
        Assert.True(second.Retired);
        Assert.Same(third, MonthUtilityTable.For(structure, spec.Population, third.View)); // the same month is shared
        AssertSameTable(MonthUtilityTable.Build(structure, spec.Population, third.View), third);
        third.Release();
        third.Release();
    }

    private static void AssertSameTable(MonthUtilityTable expected, MonthUtilityTable actual)
    {
        var structure = expected.Structure;
        Assert.Equal(expected.Terms.ToArray(), actual.Terms.ToArray());
        Assert.Equal(expected.AnyUsageBilled, actual.AnyUsageBilled);
        for (var cell = 0; cell < structure.CellCount; cell++)
        {
            Assert.Equal(expected.HeldThroughputMicros(cell), actual.HeldThroughputMicros(cell));
            Assert.Equal(expected.HeldBilledPerUser(cell), actual.HeldBilledPerUser(cell));
            for (var c = 0; c < expected.MaxContracts; c++) Assert.Equal(expected.HeldBillMicros(cell, c), actual.HeldBillMicros(cell, c));
        }
        for (var set = 0; set < structure.Locations * 2; set++)
        {
            for (var held = 0; held < structure.Catalogue.Count; held++)
            {
                for (var option = 0; option < structure.Catalogue.Count; option++)
                {
                    var k = expected.PositionOf(set, option);
                    if (k >= 0) Assert.Equal(expected.UsageBilled(expected.RowStart(set, held) + k), actual.UsageBilled(actual.RowStart(set, held) + k));
                    Assert.Equal(expected.TryValueAndBills(set, held, option, 2.5, out var v, out var b), actual.TryValueAndBills(set, held, option, 2.5, out var v2, out var b2));
                    Assert.Equal((v, b), (v2, b2));
                }
            }
        }
    }

    private static void DecideRows(ReadOnlySpan<double> rows, int width, ReadOnlySpan<int> counts, ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> uniform, Span<int> chosen, Span<double> logSum)
    {
        var users = counts.Length;
        var stride = (users + LogitKernel.Lane - 1) / LogitKernel.Lane * LogitKernel.Lane;
        var utilities = new double[stride * width];
        var paddedCounts = new int[stride];
        var paddedAlpha = new double[stride];
        var paddedUniform = new double[stride];
        for (var j = 0; j < stride; j++)
        {
            var real = j < users;
            paddedCounts[j] = real ? counts[j] : 1;
            paddedAlpha[j] = real ? alpha[j] : 1;
            paddedUniform[j] = real ? uniform[j] : double.NaN;
            for (var k = 0; k < width; k++) utilities[(k * stride) + j] = !real ? 0 : k < counts[j] ? rows[(j * width) + k] : double.NegativeInfinity;
        }
        for (var j = 0; j < stride; j++)
        {
            for (var k = LogitKernel.OptionsOfUser(paddedCounts, j); k < width; k++) utilities[(k * stride) + j] = double.NaN;
        }
        var outChosen = new int[stride];
        var outLogSum = new double[stride];
        LogitKernel.Decide(utilities, width, paddedCounts, paddedAlpha, paddedUniform, outChosen, outLogSum,
            new double[LogitKernel.ScratchLength(stride, width)]);
        outChosen.AsSpan(0, users).CopyTo(chosen);
        outLogSum.AsSpan(0, users).CopyTo(logSum);
    }

    [Fact]
    public void The_chunk_choice_step_gives_the_log_sum_and_the_draw_of_the_one_user_functions()
    {
        var random = new CounterRandom(7);
        const int users = 300, width = 7;
        var utilities = new double[users * width];
        var counts = new int[users];
        var alpha = new double[users];
        var uniform = new double[users];
        for (var j = 0; j < users; j++)
        {
            counts[j] = 1 + j % width;
            for (var k = 0; k < width; k++) utilities[j * width + k] = k < counts[j] ? 40 * random.Uniform(RandomStream.Choice, j, k) - 20 : 1e9;
            if (counts[j] > 2 && j % 5 == 0) utilities[j * width + 1] = double.NegativeInfinity;
            alpha[j] = 0.05 + random.Uniform(RandomStream.PriceSensitivity, j, 0);
            uniform[j] = j % 3 == 0 ? double.NaN : random.Uniform(RandomStream.Review, j, 0);
        }
        var chosen = new int[users];
        var logSum = new double[users];
        DecideRows(utilities, width, counts, alpha, uniform, chosen, logSum);
        for (var j = 0; j < users; j++)
        {
            var u = utilities.AsSpan(j * width, counts[j]);
            Assert.Equal(LogitChoice.LogSum(u, alpha[j]), logSum[j], 1e-12 * Math.Max(1, Math.Abs(logSum[j])));
            Assert.Equal(double.IsNaN(uniform[j]) ? -1 : LogitChoice.Sample(u, alpha[j], uniform[j]), chosen[j]);
        }
    }

    [Fact]
    public void A_user_gets_the_same_numbers_alone_or_in_a_chunk()
    {
        double[] utilities = [1.5, -2, 0.25, 3, double.NegativeInfinity, 0.7, 9, -1];
        int[] counts = [3, 4];
        double[] alpha = [0.3, 0.9], uniform = [0.6, double.NaN];
        var together = new double[2];
        var chosenTogether = new int[2];
        DecideRows(utilities, 4, counts, alpha, uniform, chosenTogether, together);
        for (var j = 0; j < 2; j++)
        {
            var alone = new double[1];
            var chosenAlone = new int[1];
            DecideRows(utilities.AsSpan(j * 4, 4), 4, counts.AsSpan(j, 1), alpha.AsSpan(j, 1), uniform.AsSpan(j, 1), chosenAlone, alone);
            Assert.Equal(BitConverter.DoubleToInt64Bits(together[j]), BitConverter.DoubleToInt64Bits(alone[0]));
            Assert.Equal(chosenTogether[j], chosenAlone[0]);
        }
    }

    [Fact]
    public void A_user_gets_the_same_bits_whatever_its_neighbours_in_the_vector()
    {
        // Neighbours with withdrawn options (−infinity) and utility gaps far beyond exp's range must not change a user's
        // exps (a vector with one out-of-range lane would otherwise be computed another way).
        var random = new CounterRandom(5);
        const int users = 41, width = 5;
        var utilities = new double[users * width];
        var counts = new int[users];
        var alpha = new double[users];
        var uniform = new double[users];
        for (var j = 0; j < users; j++)
        {
            counts[j] = 2 + (j % 4);
            for (var k = 0; k < width; k++) utilities[(j * width) + k] = (30 * random.Uniform(RandomStream.Choice, j, k)) - 10;
            if (j % 3 == 0) utilities[(j * width) + 1] = double.NegativeInfinity;
            if (j % 7 == 0) utilities[j * width] = -1e5;
            alpha[j] = 0.1 + random.Uniform(RandomStream.PriceSensitivity, j, 0);
            uniform[j] = random.Uniform(RandomStream.Review, j, 0);
        }
        var together = new double[users];
        var chosenTogether = new int[users];
        DecideRows(utilities, width, counts, alpha, uniform, chosenTogether, together);
        for (var j = 0; j < users; j++)
        {
            var alone = new double[1];
            var chosenAlone = new int[1];
            DecideRows(utilities.AsSpan(j * width, width), width, counts.AsSpan(j, 1), alpha.AsSpan(j, 1), uniform.AsSpan(j, 1), chosenAlone,
                alone);
            Assert.Equal(BitConverter.DoubleToInt64Bits(together[j]), BitConverter.DoubleToInt64Bits(alone[0]));
            Assert.Equal(chosenTogether[j], chosenAlone[0]);
            if (j % 3 == 0 && counts[j] > 1) Assert.NotEqual(1, chosenTogether[j]); // a withdrawn option is never chosen
            var u = utilities.AsSpan(j * width, counts[j]);
            Assert.Equal(LogitChoice.LogSum(u, alpha[j]), together[j], 1e-12 * Math.Max(1, Math.Abs(together[j])));
            Assert.Equal(LogitChoice.Sample(u, alpha[j], uniform[j]), chosenTogether[j]);
        }
    }

    [Fact]
    public void A_user_without_options_changes_nothing_for_its_neighbours()
    {
        // User 1 has nothing it can choose (every utility −infinity): its argument is not a number, which must neither
        // reach the exp (whose scalar fallback would recompute the whole vector) nor weigh anything.
        const int width = 7;
        var neighbours = new[] { 1, 3, 7 };
        foreach (var count in neighbours)
        {
            var utilities = new double[3 * width];
            int[] counts = [count, 3, count];
            for (var k = 0; k < width; k++)
            {
                utilities[k] = k < count ? 1.5 - (0.7 * k) : double.NegativeInfinity;
                utilities[width + k] = double.NegativeInfinity;
                utilities[(2 * width) + k] = k < count ? -3 + (0.4 * k) : double.NegativeInfinity;
            }
            double[] alpha = [0.3, 0.5, 0.9], uniform = [0.4, 0.1, 0.8];
            var chosen = new int[3];
            var logSum = new double[3];
            DecideRows(utilities, width, counts, alpha, uniform, chosen, logSum);
            Assert.Equal(double.NegativeInfinity, logSum[1]);
            Assert.Equal(2, chosen[1]); // its last option, as documented (not one its neighbours' option count decides)
            foreach (var j in new[] { 0, 2 })
            {
                var alone = new double[1];
                var chosenAlone = new int[1];
                DecideRows(utilities.AsSpan(j * width, width), width, counts.AsSpan(j, 1), alpha.AsSpan(j, 1), uniform.AsSpan(j, 1), chosenAlone, alone);
                Assert.Equal(BitConverter.DoubleToInt64Bits(alone[0]), BitConverter.DoubleToInt64Bits(logSum[j]));
                Assert.Equal(chosenAlone[0], chosen[j]);
            }
        }
    }

    [Fact]
    public void A_block_review_equals_a_brute_force_review_from_the_definitions()
    {
        var spec = MixedTariffs(users: 900);
        var structure = spec.BuildStructure();
        var random = new CounterRandom(21);
        var block = UserBlock.Create(structure, spec.Population, random, 100, 900);
        var reference = new BruteForceUsers(structure, spec.Population, random, 100, 900);
        var withdrawn = new bool[structure.Catalogue.Count];
        withdrawn[structure.Catalogue.Single(3)] = true; // the VMPO left: its holders must choose again
        for (var tick = 1; tick <= 4; tick++)
        {
            var view = UnevenView(spec, structure, tick, tick == 3 ? withdrawn : null);
            var kernel = block.Review(view);
            var direct = reference.Review(view);
            AssertSameReview(direct, kernel);
            Assert.True(kernel.Reviews > 0);
        }
    }

    [Fact]
    public void A_nested_logit_review_with_the_market_mechanisms_equals_the_brute_force_review()
    {
        // Nested logit (default nests: none, one access, multipath), expected downtime priced in, adoption's device share
        // from the view (not the population's line) and word of mouth raising the weight on measured rates.
        var mixed = MixedTariffs(users: 900);
        var spec = mixed with
        {
            Providers = [(IspSpec)mixed.Providers[0] with { OutageProbability = 0.2, OutageHours = 40 }, .. mixed.Providers.Skip(1)],
            Population = mixed.Population with { DowntimeCost = 0.3, Demand = new DemandModel(true, 0.6, null) },
        };
        var structure = spec.BuildStructure();
        var random = new CounterRandom(22);
        var block = UserBlock.Create(structure, spec.Population, random, 40, 900);
        var reference = new BruteForceUsers(structure, spec.Population, random, 40, 900, nesting: 0.6);
        var cells = new int[structure.CellCount];
        block.AddCellCounts(cells);
        var beliefs = LocationBeliefs.Uninformed(structure).Next(new InformationSpec(0, 2.0, 0), cells);
        for (var tick = 1; tick <= 4; tick++)
        {
            var view = UnevenView(spec, structure, tick) with { Beliefs = beliefs, MptcpCapableShare = 0.15 * tick };
            var kernel = block.Review(view);
            var direct = reference.Review(view);
            AssertSameReview(direct, kernel);
            Assert.True(direct.Switched.Sum() > 0);
        }
    }

    /// <summary>The kernel's block outcome equals the brute-force review: counts, money and segments exactly; surplus to
    /// within one millionth per user, because the kernel groups the utility's sum differently and computes vectorized exps
    /// (each user's surplus agrees to about 1e-15 relative, so its rounded millionths differ by at most one).</summary>
    private static void AssertSameReview((int[] CellCounts, int[] Contracts, long[] PaymentMicros, int Reviews, long ConsumerSurplusMicros,
        long RealisedSurplusMicros, long[] ThroughputMicros, long[] BillMicros, long[] Switched) direct, BlockOutcome kernel)
    {
        Assert.Equal(direct.CellCounts, kernel.CellCounts);
        Assert.Equal(direct.Contracts, kernel.Contracts);
        Assert.Equal(direct.PaymentMicros, kernel.PaymentMicros);
        Assert.Equal(direct.Reviews, kernel.Reviews);
        Assert.InRange(kernel.ConsumerSurplusMicros - direct.ConsumerSurplusMicros, -900, 900);
        Assert.InRange(kernel.RealisedSurplusMicros - direct.RealisedSurplusMicros, -900, 900);
        Assert.Equal(direct.ThroughputMicros, kernel.Segments.ThroughputMicros);
        Assert.Equal(direct.BillMicros, kernel.Segments.BillMicros);
        Assert.Equal(direct.Switched, kernel.Segments.Switched);
    }

    /// <summary>The users' month written straight from the definitions: every utility by <see cref="PortfolioUtility.Of"/>,
    /// the log-sum and the draw by <see cref="LogitChoice"/>'s separate functions, bills per user and contract.</summary>
    private sealed class BruteForceUsers
    {
        private readonly MarketStructure structure;
        private readonly PopulationSpec population;
        private readonly CounterRandom random;
        private readonly long first;
        private readonly int[] location, portfolio;
        private readonly double[] device, alpha, value, usage, offset;

        private readonly double? nesting; // nested logit's sigma with the default nests; null: the plain logit

        public BruteForceUsers(MarketStructure structure, PopulationSpec population, CounterRandom random, long first, int count, double? nesting = null)
        {
            (this.structure, this.population, this.random, this.first, this.nesting) = (structure, population, random, first, nesting);
            location = new int[count];
            portfolio = new int[count];
            device = new double[count];
            alpha = new double[count];
            value = new double[count];
            usage = new double[count];
            offset = new double[count];
            for (var i = 0; i < count; i++)
            {
                var user = first + i;
                location[i] = UserTraits.Location(random, user, structure.Locations);
                device[i] = UserTraits.DeviceDraw(random, user);
                alpha[i] = population.MeanPriceSensitivity * UserTraits.MeanOneLogNormal(random, RandomStream.PriceSensitivity, user, population.PriceSensitivitySpread);
                value[i] = population.ThroughputValue * UserTraits.MeanOneLogNormal(random, RandomStream.ThroughputValuation, user, population.ThroughputValueSpread);
                usage[i] = population.UsageGb * UserTraits.MeanOneLogNormal(random, RandomStream.Usage, user, population.UsageSpread);
                portfolio[i] = UserTraits.InitialPortfolio(random, user, location[i], device[i] < population.MptcpShareAt(0), structure);
            }
        }

        public (int[] CellCounts, int[] Contracts, long[] PaymentMicros, int Reviews, long ConsumerSurplusMicros, long RealisedSurplusMicros,
            long[] ThroughputMicros, long[] BillMicros, long[] Switched) Review(MarketView view)
        {
            var catalogue = structure.Catalogue;
            var cells = new int[structure.CellCount];
            var contracts = new int[structure.ProviderCount];
            var payments = new long[structure.ProviderCount];
            var throughput = new long[UserSegment.Count];
            var billed = new long[UserSegment.Count];
            var switched = new long[UserSegment.Count];
            var reviews = 0;
            long surplus = 0, realised = 0;
            for (var i = 0; i < portfolio.Length; i++)
            {
                var user = first + i;
                var l = location[i];
                var capable = device[i] < (view.MptcpCapableShare ?? population.MptcpShareAt(view.Tick));
                var segment = UserSegment.Of(capable, UserSegment.InHotspot(structure, l));
                var current = catalogue[portfolio[i]];
                var options = structure.Available(l, capable).ToArray();
                var u = options.Select(o => PortfolioUtility.Of(catalogue[o], current, l, value[i], usage[i], structure, population, view)).ToArray();
                var forced = view.Withdrawn?[current.Index] ?? false;
                for (var k = 0; k < options.Length; k++) if (view.Withdrawn?[options[k]] ?? false) u[k] = double.NegativeInfinity;
                // Default nests written out: 0 the outside option, 2 a portfolio giving two paths here, 1 the others.
                var nests = options.Select(o => o == PortfolioCatalogue.Outside ? 0 : structure.IsMultipathAt(l, catalogue[o]) ? 2 : 1).ToArray();
                var logSum = nesting is { } sigma ? NestedLogit.LogSum(u, nests, alpha[i], sigma) : LogitChoice.LogSum(u, alpha[i]);
                surplus += (long)Math.Round(logSum * 1e6);
                var held = PortfolioUtility.Of(current, current, l, value[i], usage[i], structure, population, view);
                if (forced || random.Uniform(RandomStream.Review, user, view.Tick) < population.ReviewProbability)
                {
                    reviews++;
                    var draw = random.Uniform(RandomStream.Choice, user, view.Tick);
                    var k = nesting is { } s ? NestedLogit.Sample(u, nests, alpha[i], s, draw) : LogitChoice.Sample(u, alpha[i], draw);
                    var next = catalogue[options[k]];
                    if (next.Index != current.Index)
                    {
                        switched[segment]++;
                        var added = next.Providers.Count(p => !current.Holds(p));
                        offset[i] = logSum - u[k] - population.Inertia - population.SwitchingCost * added;
                        held = PortfolioUtility.Of(next, next, l, value[i], usage[i], structure, population, view);
                    }
                    else offset[i] = logSum - u[k];
                    portfolio[i] = next.Index;
                    current = next;
                }
                realised += (long)Math.Round((held + offset[i]) * 1e6);
                var cell = structure.Cell(l, current.Index);
                cells[cell]++;
                if (current.IsOutside) continue;
                throughput[segment] += (long)Math.Round(view.Throughput.TotalMbps(cell, current.Paths.Count) * 1e6);
                var bills = new double[current.Providers.Count];
                PortfolioUtility.Bills(current, l, usage[i], structure, view, bills);
                for (var k = 0; k < bills.Length; k++)
                {
                    var micros = (long)Math.Round(bills[k] * 1e6);
                    contracts[current.Providers[k]]++;
                    payments[current.Providers[k]] += micros;
                    billed[segment] += micros;
                }
            }
            return (cells, contracts, payments, reviews, surplus, realised, throughput, billed, switched);
        }
    }
}
