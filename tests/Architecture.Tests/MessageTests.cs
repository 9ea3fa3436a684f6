using System.Reflection;

namespace MarketSim.Architecture.Tests;

/// <summary>
/// Actor messages are sealed records: immutable values compared by content, and sealed so a receive pattern on a
/// message type cannot also catch a subtype someone adds later.
/// </summary>
public sealed class MessageTests
{
    public static TheoryData<string> Messages()
    {
        var data = new TheoryData<string>();
        foreach (var type in MessageTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void Both_message_families_are_found()
    {
        var types = MessageTypes().ToList();
        Assert.Contains(types, t => t.Namespace == "MarketSim.Agents.Protocol");
        Assert.Contains(types, t => t.GetInterfaces().Any(i => i.Name == ClusterMessageInterface));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_is_a_sealed_record(string fullName)
    {
        var type = MessageTypes().Single(t => t.FullName == fullName);
        Assert.True(type.IsSealed, $"{fullName} is not sealed");
        Assert.True(IsRecord(type), $"{fullName} is not a record");
    }

    private const string ClusterMessageInterface = "IClusterSweepMessage";

    /// <summary>
    /// The agents' protocol (every class nested in a MarketSim.Agents.Protocol type) and the cluster sweep's messages
    /// (every class implementing its marker interface, wherever the cluster code lives).
    /// </summary>
    private static IEnumerable<Type> MessageTypes()
    {
        var protocol = Assemblies.Agents.GetTypes()
            .Where(t => t.Namespace == "MarketSim.Agents.Protocol" && t.IsNested && t.IsClass && !IsCompilerGenerated(t));
        var cluster = Assemblies.All.SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.GetInterfaces().Any(i => i.Name == ClusterMessageInterface));
        return protocol.Concat(cluster).Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal);
    }

    /// <summary>A record class has the compiler's clone method <c>&lt;Clone&gt;$</c>.</summary>
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static bool IsCompilerGenerated(Type type) => type.Name.Contains('<', StringComparison.Ordinal);
}
