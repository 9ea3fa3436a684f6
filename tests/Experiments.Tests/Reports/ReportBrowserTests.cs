using MarketSim.Reports;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace MarketSim.Experiments.Tests.Reports;

/// <summary>
/// report.html in a real browser: Debian's chromium, headless, driven by Selenium through Debian's chromium-driver
/// (.ci/run installs both). Skipped, saying why, only when they are not installed; the screenshots are kept in
/// $TMP/marketsim-report-screenshots/ for a person to look at.
/// </summary>
public class ReportBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private static readonly string[] Drivers = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

    [SkippableFact]
    public async Task Choosing_a_metric_a_policy_and_a_parameter_redraws_the_chart_without_console_errors()
    {
        string? browser = Browsers.FirstOrDefault(File.Exists), driverPath = Drivers.FirstOrDefault(File.Exists);
        Skip.If(browser is null || driverPath is null,
            $"no headless browser: needs Debian's chromium ({string.Join(" or ", Browsers)}) and chromium-driver ({string.Join(" or ", Drivers)}); " +
            "`.ci/run` installs them with apt-get, which failed or was not run here");
        var report = await SweepReport.WriteAsync(await SyntheticSweep.WriteAsync(points: 4, replications: 3, grid: true));
        var shots = Path.Combine(Path.GetTempPath(), "marketsim-report-screenshots");
        Directory.CreateDirectory(shots);

        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1500");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        using var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        driver.Navigate().GoToUrl(new Uri(report.Page).AbsoluteUri);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        var main = wait.Until(d => d.FindElements(By.CssSelector("#explorer-main canvas")).Count > 0 ? d.FindElement(By.Id("explorer-main")) : null)!;
        // Opens on the paired welfare difference against the first parameter.
        Assert.Equal("mean_welfare|perf − flat|users.inertia", main.GetAttribute("data-view"));
        var before = Pixels(driver);
        Screenshot(driver, main, Path.Combine(shots, "explorer-welfare-difference.png"));

        Choose(driver, "explorer-metric", "final price 3G-A (money per month)");
        Choose(driver, "explorer-series", SyntheticSweep.Flat);
        Choose(driver, "explorer-axis", SyntheticSweep.SecondSwept);
        wait.Until(d => d.FindElement(By.Id("explorer-main")).GetAttribute("data-view") == "final_price_3G-A|flat|users.price_sensitivity");
        Assert.NotEqual(before, Pixels(driver));
        // One small chart per parameter, and the grid's heat map of the chosen view: final price 10 + r + point, mean 11 + point (rows: price sensitivity 0.2 above 0.1).
        Assert.Equal(2, driver.FindElements(By.CssSelector("#explorer-pairs canvas")).Count);
        var heat = driver.FindElement(By.CssSelector("#explorer-heatmap table"));
        Assert.Contains("flat: final price 3G-A", heat.Text, StringComparison.Ordinal);
        Assert.Equal(["13", "14", "11", "12"], heat.FindElements(By.TagName("td")).Select(td => td.Text).ToList());
        Assert.EndsWith("-levels.png", driver.FindElement(By.CssSelector("#explorer-static a")).GetAttribute("href"), StringComparison.Ordinal);
        Screenshot(driver, driver.FindElement(By.ClassName("explorer")), Path.Combine(shots, "explorer-final-price-flat.png"));

        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, "console: " + string.Join("\n", errors));
        // The console is really being read: an error written now is seen.
        ((IJavaScriptExecutor)driver).ExecuteScript("console.error('probe from the test')");
        Assert.Contains(driver.Manage().Logs.GetLog(LogType.Browser), e => e.Level == LogLevel.Severe && e.Message.Contains("probe from the test", StringComparison.Ordinal));
        output.WriteLine($"screenshots in {shots}");
    }

    private static void Choose(IWebDriver driver, string select, string text)
        => driver.FindElement(By.XPath($"//select[@id='{select}']/option[normalize-space(.)='{text}']")).Click();

    private static string Pixels(IWebDriver driver)
        => (string)((IJavaScriptExecutor)driver).ExecuteScript("return document.querySelector('#explorer-main canvas').toDataURL();")!;

    private static void Screenshot(IWebDriver driver, IWebElement element, string path)
    {
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].scrollIntoView(true);", element);
        ((ITakesScreenshot)element).GetScreenshot().SaveAsFile(path);
    }
}
