using System.Reflection;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace MarketSim.Architecture.Tests;

/// <summary>
/// The projects' layering (issue 10): MarketSim.Reports (statistics, results, plots, HTML) uses neither Akka nor the
/// actor host MarketSim.Agents, not even through another project, so `marketsim plot` and `analyze` load no actor
/// code; checked in three ways (and MarketSim.Cluster is the only project using Akka.Cluster): the types' dependencies, the compiled assembly references and the project files.
/// </summary>
public sealed class ProjectLayerTests
{
    private static readonly string[] ForbiddenInReports = ["Akka", "MarketSim.Agents"];

    [Fact]
    public void Report_types_use_neither_Akka_nor_the_agents()
    {
        var result = Types.InAssembly(Assemblies.Reports).ShouldNot().HaveDependencyOnAny(ForbiddenInReports).GetResult();

        Assert.True(result.IsSuccessful, "types: " + string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }

    [Fact]
    public void Reports_assembly_reaches_neither_Akka_nor_the_agents_through_its_references()
    {
        var reached = ReferenceClosure(Assemblies.Reports);

        Assert.Contains("MarketSim.Market", reached); // the walk sees project references (else the test is vacuous)
        Assert.DoesNotContain(reached, name => ForbiddenInReports.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void Reports_project_file_references_neither_Akka_nor_the_agents_even_transitively()
    {
        var references = ProjectReferenceClosure(Path.Combine(RepositoryRoot(), "src", "Reports", "MarketSim.Reports.csproj"));

        Assert.Contains(references, r => r.EndsWith("MarketSim.Market.csproj", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.Contains("Akka", StringComparison.OrdinalIgnoreCase) || r.EndsWith("MarketSim.Agents.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_cluster_project_references_Akka_Cluster()
    {
        static bool UsesCluster(Assembly assembly) => assembly.GetReferencedAssemblies().Any(r => r.Name == "Akka.Cluster");

        Assert.True(UsesCluster(Assemblies.Cluster)); // the check sees the one reference it allows
        Assert.Equal([Assemblies.Cluster.GetName().Name], Assemblies.All.Where(UsesCluster).Select(a => a.GetName().Name));
        var projects = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => XDocument.Load(p).Descendants("PackageReference").Any(r => (string?)r.Attribute("Include") == "Akka.Cluster"))
            .Select(Path.GetFileName);
        Assert.Equal(["MarketSim.Cluster.csproj"], projects);
    }

    /// <summary>Names of the assemblies an assembly references, followed through MarketSim's own assemblies.</summary>
    private static SortedSet<string> ReferenceClosure(Assembly start)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>([start]);
        while (queue.Count > 0)
        {
            foreach (var reference in queue.Dequeue().GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !seen.Add(name)) continue;
                if (name.StartsWith("MarketSim.", StringComparison.Ordinal)) queue.Enqueue(Assembly.Load(reference));
            }
        }
        return seen;
    }

    /// <summary>Every project file and package a project file references, directly or through its project references.</summary>
    private static SortedSet<string> ProjectReferenceClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([Path.GetFullPath(project)]);
        while (queue.Count > 0)
        {
            var file = queue.Dequeue();
            var document = XDocument.Load(file);
            foreach (var package in document.Descendants("PackageReference")) seen.Add((string?)package.Attribute("Include") ?? "");
            foreach (var reference in document.Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, ((string?)reference.Attribute("Include") ?? "").Replace('\\', '/')));
                if (seen.Add(path)) queue.Enqueue(path);
            }
        }
        return seen;
    }

    /// <summary>The folder holding MarketSim.sln, found upwards from the test's output folder.</summary>
    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MarketSim.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("MarketSim.sln not found above " + AppContext.BaseDirectory);
    }
}
