using MarketSim.Experiments.Config;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;

namespace MarketSim.Experiments.Tests.UseCases;

public class PlanReaderTests
{
    /// <summary>A use-case file with its swept wholesale discount fixed, so it reads as a single experiment once its sweep
    /// section is cut.</summary>
    private static string Load(string name) => File.ReadAllText(Repository.File($"experiments/use-cases/{name}.yaml"))
        .Replace("wholesale_discount: [0.2, 0.4]", "wholesale_discount: 0.35");

    /// <summary>A use-case file with its sweep section removed, as a single experiment.</summary>
    private static string Single(string name) => Load(name)[..Load(name).IndexOf("\nsweep:", StringComparison.Ordinal)];

    [Fact]
    public void A_VMPO_plan_names_the_ISPs_it_buys_from_and_their_wholesale_discounts_are_read()
    {
        var market = ExperimentReader.Load(TestFiles.Write(Single("3b-vmpo-disjoint"))).Market;
        var vmpo = market.Providers[3];
        Assert.IsType<VmpoSpec>(vmpo);
        Assert.Equal([0, 2], vmpo.Sells.Accesses);
        var isp = Assert.IsType<IspSpec>(market.Providers[0]);
        Assert.Equal(0.3, isp.WholesaleDiscount);
        Assert.Equal(14.0, isp.WholesalePrice(20.0), 12);
    }

    [Fact]
    public void A_product_line_belongs_to_its_owner_and_shares_revenue_with_its_partner()
    {
        var text = Single("2a-isp-bundle").Replace("revenue_share: [0.2, 0.5]", "revenue_share: 0.3");
        var bundle = ExperimentReader.Load(TestFiles.Write(text)).Market.Providers[3];
        Assert.Equal(new ProviderId(0), Assert.IsType<ProductLineSpec>(bundle).Owner);
        Assert.Equal(0.3, bundle.Sells.RevenueShare);
    }

    [Fact]
    public void An_inactive_provider_is_left_out_and_the_others_keep_dense_indices()
    {
        var text = Single("1b-vmpo-proxy").Replace("active: true ", "active: false");
        var market = ExperimentReader.Load(TestFiles.Write(text)).Market;
        Assert.Equal(["3G-A", "3G-B"], market.Providers.Select(p => p.Name));
        Assert.Equal([0, 1], market.Providers.Select(p => p.Index));
    }

    [Fact]
    public void A_product_lines_owner_is_named_by_its_position_among_the_active_providers()
    {
        // WLAN's own line, after 3G-B is switched off: WLAN is provider 1 of the market, not 2 of the file.
        var text = Single("2a-isp-bundle").Replace("revenue_share: [0.2, 0.5]", "revenue_share: 0.3").Replace("owner: 3G-A", "owner: WLAN")
            .Replace("accesses: 3G-A+WLAN", "accesses: WLAN+3G-A").Replace("  - name: 3G-B\n", "  - name: 3G-B\n    active: false\n");
        var market = ExperimentReader.Load(TestFiles.Write(text)).Market;
        var line = Assert.IsType<ProductLineSpec>(market.Providers[2]);
        Assert.Equal(new ProviderId(1), line.Owner);
        Assert.Equal(1, line.HomeNetwork);
    }

    [Theory]
    [InlineData("owner: 3G-A", "owner: 3G-C")]
    [InlineData("owner: 3G-A", "owner: 3G-A-bundle")]
    public void A_product_line_must_belong_to_an_active_isp(string find, string replace)
    {
        var path = TestFiles.Write(Single("2a-isp-bundle").Replace("revenue_share: [0.2, 0.5]", "revenue_share: 0.3").Replace(find, replace));
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal("providers[3].owner", error.Key);
        Assert.Contains("is not an active ISP", error.Message);
        Assert.Contains("accepted: 3G-A, 3G-B, WLAN", error.Message);
    }

    [Theory]
    [InlineData("accesses: 3G-B", "accesses: 3G-C", "providers[2].plan.accesses", "'3G-C' is not an active ISP", "3G-A, 3G-B")]
    [InlineData("accesses: 3G-B", "accesses: 3G-A+3G-B", "providers[2].plan.routing", "2 accesses", "exactly one access")]
    [InlineData("proxy_transit_mbps: 20\n\nsweep", "\nsweep", "providers[2].plan.routing", "proxy_transit_mbps", "> 0")]
    [InlineData("routing: proxy", "routing: magic", "providers[2].plan.routing", "magic", "terminal, proxy")]
    [InlineData("kind: vmpo", "kind: mvno", "providers[2].kind", "mvno", "isp, vmpo, product_line")]
    [InlineData("wholesale_discount: 0.35", "wholesale_discount: 1.5", "providers[1].wholesale_discount", "1.5", "[0, 1]")]
    [InlineData("routing: proxy", "routing: proxy\n      revenue_share: 0.2", "providers[2].plan.revenue_share", "wholesale", "leave the key out")]
    public void A_bad_plan_names_file_line_key_value_and_what_is_accepted(string find, string replace, string key, string problem, string accepted)
    {
        var text = Load("1b-vmpo-proxy").Replace(find, replace);
        text = text[..text.IndexOf("\nsweep:", StringComparison.Ordinal)];
        var path = TestFiles.Write(text);
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(path));
        Assert.Equal(key, error.Key);
        Assert.True(error.Line > 0);
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains(accepted, error.Message);
    }

    [Fact]
    public void An_ISP_plan_must_start_with_its_own_network()
    {
        var text = Single("1a-isp-proxy").Replace("accesses: 3G-A", "accesses: 3G-B");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("providers[0].plan.accesses", error.Key);
        Assert.Contains("must start with the ISP's own network '3G-A'", error.Message);
    }

    [Fact]
    public void A_VMPO_without_a_plan_is_rejected()
    {
        var text = Single("3b-vmpo-disjoint");
        text = text[..text.IndexOf("    plan:\n      accesses: 3G-A+WLAN", StringComparison.Ordinal)];
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("providers[3].kind", error.Key);
        Assert.Contains("needs a `plan` section", error.Message);
    }

    [Fact]
    public void A_provider_name_with_a_plus_is_rejected_because_plus_joins_names_in_portfolio_labels()
    {
        var text = Single("3b-vmpo-disjoint").Replace("name: MPO-Y", "name: MPO+Y");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("providers[3].name", error.Key);
        Assert.Contains("contains '+'", error.Message);
    }

    [Fact]
    public void A_switched_off_provider_is_still_checked_in_full()
    {
        var text = Single("1b-vmpo-proxy").Replace("active: true ", "active: false").Replace("routing: proxy", "routing: proxi");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("providers[2].plan.routing", error.Key);
        Assert.Contains("proxi", error.Message);
    }

    [Fact]
    public void A_revenue_share_without_a_partner_network_is_rejected()
    {
        var text = Single("1a-isp-proxy").Replace("      accesses: 3G-A\n", "      accesses: 3G-A\n      revenue_share: 0.3\n");
        var error = Assert.Throws<ConfigException>(() => ExperimentReader.Load(TestFiles.Write(text)));
        Assert.Equal("providers[0].plan.revenue_share", error.Key);
        Assert.Contains("no partner network", error.Message);
    }

    [Fact]
    public void Switching_off_a_provider_with_starting_customers_leaves_every_other_users_starting_plan_unchanged()
    {
        // 3B with the VMPO listed second and starting with 10 % of users: with it switched off, the users who start
        // with 3G-A, 3G-B or WLAN are the same people (common random numbers).
        var text = Single("3b-vmpo-disjoint");
        var vmpoAt = text.IndexOf("  - name: MPO-Y", StringComparison.Ordinal);
        var vmpo = text[vmpoAt..].Replace("    active: true                 # switched off by the no-vmpo policy\n", "")
            .Replace("    price: 26.0\n", "    price: 26.0\n    initial_share: 0.1\n").TrimEnd() + "\n";
        var rest = text[..vmpoAt];
        var secondAt = rest.IndexOf("  - name: 3G-B", StringComparison.Ordinal);
        var reordered = rest[..secondAt] + vmpo + rest[secondAt..];
        var on = ExperimentReader.Load(TestFiles.Write(reordered)).Market;
        var off = ExperimentReader.Load(TestFiles.Write(reordered.Replace("  - name: MPO-Y\n", "  - name: MPO-Y\n    active: false\n"))).Market;
        Assert.Equal(4, on.Providers.Count);
        Assert.Equal(3, off.Providers.Count);
        var random = new Market.Randomness.CounterRandom(9);
        var withVmpo = on.BuildStructure();
        var without = off.BuildStructure();
        var compared = 0;
        for (long user = 0; user < 5000; user++)
        {
            string Start(Market.Providers.MarketStructure structure)
                => structure.Catalogue[Market.Population.UserTraits.InitialPortfolio(random, user, 0, true, structure)].Label(structure.Providers);
            var a = Start(withVmpo);
            if (a == "MPO-Y") continue;
            Assert.Equal(a, Start(without));
            compared++;
        }
        Assert.True(compared > 4000);
    }
}
