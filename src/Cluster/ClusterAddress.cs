using System.Globalization;
using System.Net;
using MarketSim.Reports.Results;

namespace MarketSim.Cluster;

/// <summary>
/// A cluster node's network address as written on the command line, HOST:PORT (IPv6 as [::1]:4053).
/// Every node must name the coordinator with the same HOST string: Akka addresses compare as text, so
/// `localhost:4053` and `127.0.0.1:4053` are different nodes to it.
/// </summary>
/// <param name="Host">Host name or IP address, without brackets.</param>
/// <param name="Port">TCP port, 1-65535 (0 only for a node's own, system-chosen port).</param>
public sealed record ClusterAddress(string Host, int Port)
{
    /// <summary>The address nodes listen on unless told otherwise: only this machine can connect.</summary>
    public const string DefaultBindHost = "127.0.0.1";

    /// <summary>Parses HOST:PORT; a bad value is bad input (exit 2) naming <paramref name="option"/>.</summary>
    public static ClusterAddress Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
            throw Bad(option, text, "expected HOST:PORT, e.g. 127.0.0.1:4053");
        var host = value[..colon];
        if (host.Any(char.IsWhiteSpace) || host.Contains('/') || host.Contains('@'))
            throw Bad(option, text, "the host is not a host name or IP address; write HOST:PORT, e.g. 127.0.0.1:4053");
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':')) throw Bad(option, text, "write an IPv6 address in brackets, e.g. [::1]:4053");
        if (host.Length == 0) throw Bad(option, text, "expected HOST:PORT, e.g. 127.0.0.1:4053");
        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            throw Bad(option, text, "the port must be a whole number in [1, 65535]");
        return new ClusterAddress(host, port);
    }

    /// <summary>Checks a --bind value: a host name or IP address (0.0.0.0 allowed where <paramref name="anyAllowed"/>).</summary>
    public static string ParseHost(string text, string option, bool anyAllowed)
    {
        ArgumentNullException.ThrowIfNull(text);
        var host = text.Trim();
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || host.Contains('/') || host.Contains('@') || (host.Contains(':') && !IPAddress.TryParse(host, out _)))
            throw Bad(option, text, "expected a host name or IP address, e.g. 127.0.0.1");
        if (!anyAllowed && IsAnyAddress(host))
            throw Bad(option, text, "a worker node needs a concrete address the coordinator can reach, e.g. this machine's LAN address");
        return host;
    }

    /// <summary>True for 127.x.x.x, ::1 and localhost: addresses only this machine can reach.</summary>
    public static bool IsLoopback(string host)
        => host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>True for the wildcard addresses 0.0.0.0 and ::.</summary>
    public static bool IsAnyAddress(string host)
        => IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));

    /// <summary>The Akka address of the actor system named <paramref name="system"/> at this host and port.</summary>
    public string ToAkkaAddress(string system) => $"akka.tcp://{system}@{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public override string ToString() => $"{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static ConfigException Bad(string option, string text, string problem)
        => new("command line", 0, option, $"value '{text}' is not valid: {problem}");
}
