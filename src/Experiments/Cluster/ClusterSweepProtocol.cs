namespace MarketSim.Experiments.Cluster;

/// <summary>
/// Messages between a sweep coordinator and the worker nodes of a cluster. Work is PULLED: a worker asks once
/// per free slot, so a slow node simply asks less often. Every message crosses the network through
/// <see cref="ClusterSweepSerializer"/>.
/// </summary>
public static class ClusterSweepProtocol
{
    /// <summary>Worker to coordinator: one slot is free. Nodes built from another version are turned away
    /// (<see cref="Rejected"/>), so every result is the bytes this build writes.</summary>
    /// <param name="SoftwareVersion">The worker's build (version and commit).</param>
    /// <param name="Proof">The answer to the coordinator's <see cref="Challenge"/>: HMAC of ("request", nonce, the
    /// worker's address, version) under the sweep's secret; empty before the first challenge or without a secret.</param>
    public sealed record RequestWork(string SoftwareVersion, string Proof = "") : IClusterSweepMessage;

    /// <summary>Coordinator to a node not yet proven: prove you hold the secret by answering with this nonce.</summary>
    /// <param name="Nonce">Fresh random value for this node's address.</param>
    public sealed record Challenge(string Nonce) : IClusterSweepMessage;

    /// <summary>Coordinator to worker: run <paramref name="RunId"/> of the sweep planned from this text.</summary>
    /// <param name="SweepId">Identifies this coordinator's sweep; results quote it back.</param>
    /// <param name="File">The sweep file's path as the coordinator named it (used in messages only).</param>
    /// <param name="SweepText">The sweep file's full text: the worker re-plans it and gets the very same runs.</param>
    /// <param name="RunId">The run to make.</param>
    public sealed record Assignment(string SweepId, string File, string SweepText, string RunId) : IClusterSweepMessage;

    /// <summary>Coordinator to worker: nothing to hand out now, but runs are still in flight elsewhere and may
    /// come back if their node is lost; ask again shortly.</summary>
    public sealed record NoWorkYet : IClusterSweepMessage;

    /// <summary>Coordinator to worker: every run is written (or the sweep failed); stop.</summary>
    /// <param name="SweepId">The sweep that ended.</param>
    public sealed record SweepFinished(string SweepId) : IClusterSweepMessage;

    /// <summary>Coordinator to worker: this node may not take part (e.g. a different software version).</summary>
    /// <param name="Reason">Why, for the node's error message.</param>
    public sealed record Rejected(string Reason) : IClusterSweepMessage;

    /// <summary>Worker to coordinator: one piece of a finished run's Parquet file. Files travel in pieces below
    /// Akka's maximum frame size so a large run neither fails nor holds up cluster heartbeats.</summary>
    /// <param name="SweepId">The sweep of the assignment.</param>
    /// <param name="RunId">The run.</param>
    /// <param name="Index">0-based piece number; pieces arrive in order (one sender, one receiver).</param>
    /// <param name="Count">Number of pieces of the file.</param>
    /// <param name="Sha256">Hex SHA-256 of the whole file, checked after reassembly.</param>
    /// <param name="Bytes">This piece's bytes (read-only).</param>
    /// <param name="Proof">HMAC of the piece (ids, position, whole-file hash, hash of these bytes) under the sweep's secret.</param>
    public sealed record ResultChunk(string SweepId, string RunId, int Index, int Count, string Sha256, ReadOnlyMemory<byte> Bytes, string Proof = "")
        : IClusterSweepMessage;

    /// <summary>Worker to coordinator: the run threw; runs are deterministic, so the sweep fails rather than retrying.</summary>
    /// <param name="SweepId">The sweep of the assignment.</param>
    /// <param name="RunId">The run.</param>
    /// <param name="Error">Exception type and message.</param>
    /// <param name="Proof">HMAC of ("failed", sweep id, run id, error) under the sweep's secret.</param>
    public sealed record RunFailed(string SweepId, string RunId, string Error, string Proof = "") : IClusterSweepMessage;
}
