using NetArchTest.Rules;

namespace MarketSim.Architecture.Tests;

/// <summary>The pure rules (src/Transport, src/Market) host no actors and do no I/O: they are tested without either.</summary>
public sealed class PureCoreTests
{
    public static TheoryData<string> PureAssemblies => ["Transport", "Market"];

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void The_pure_core_does_not_use_Akka(string assembly) =>
        AssertNoDependency(Pure(assembly), "Akka");

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void The_pure_core_does_not_do_IO(string assembly) =>
        AssertNoDependency(Pure(assembly), "System.IO");

    private static PredicateList Pure(string assembly)
    {
        var target = assembly switch
        {
            "Transport" => Assemblies.Transport,
            "Market" => Assemblies.Market,
            _ => throw new ArgumentOutOfRangeException(nameof(assembly), assembly, null),
        };
        return Types.InAssembly(target).That().ResideInNamespace("MarketSim");
    }

    private static void AssertNoDependency(PredicateList types, string dependency)
    {
        var result = types.ShouldNot().HaveDependencyOnAny(dependency).GetResult();
        var failing = result.FailingTypes?.Select(t => t.FullName) ?? [];
        Assert.True(result.IsSuccessful, $"types depending on {dependency}: {string.Join(", ", failing)}");
    }
}
