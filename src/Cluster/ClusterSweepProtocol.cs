namespace MarketSim.Cluster;

/// <summary>
/// Messages between a cluster coordinator and its worker nodes. One coordinator session serves successive BATCHES of
/// runs (a sweep is one batch; a deviation-search game one batch per round; a calibration one batch per evaluation,
/// each known only after the previous one's results): workers stay joined between batches and leave when the session
/// ends (<see cref="SessionFinished"/>). Work is PULLED: a worker asks once per free slot, so a slow node simply asks
/// less often; a request the coordinator cannot serve now is held until a batch has work for it (or answered with
/// <see cref="NoWorkYet"/> after a while, so the worker asks again). Every message crosses the network through
/// <see cref="ClusterSweepSerializer"/>.
/// </summary>
public static class ClusterSweepProtocol
{
    /// <summary>Worker to coordinator: one slot is free. Nodes built from another version are turned away
    /// (<see cref="Rejected"/>), so every result is the bytes this build writes.</summary>
    /// <param name="SoftwareVersion">The worker's build (version and commit).</param>
    /// <param name="Proof">The answer to the coordinator's <see cref="Challenge"/>: HMAC of ("request", nonce, the
    /// worker's address, version) under the session's secret; empty before the first challenge or without a secret.</param>
    public sealed record RequestWork(string SoftwareVersion, string Proof = "") : IClusterSweepMessage;

    /// <summary>Coordinator to a node not yet proven: prove you hold the secret by answering with this nonce.</summary>
    /// <param name="Nonce">Fresh random value for this node's address.</param>
    public sealed record Challenge(string Nonce) : IClusterSweepMessage;

    /// <summary>Coordinator to worker: make run <paramref name="RunId"/> of the runs planned from this text (at these values).</summary>
    /// <param name="BatchId">Identifies the coordinator's current batch; results quote it back, and results of an
    /// earlier batch are ignored.</param>
    /// <param name="File">The file's path as the coordinator named it (used in messages only).</param>
    /// <param name="PlanText">The file's full text: the worker re-plans it and gets the very same runs.</param>
    /// <param name="Values">Where the text alone does not say which runs to make (a calibration's evaluation): the free
    /// parameters' values, in file order, as round-trip text separated by ';'. Empty for sweeps and games.</param>
    /// <param name="RunId">The run to make.</param>
    public sealed record Assignment(string BatchId, string File, string PlanText, string Values, string RunId) : IClusterSweepMessage;

    /// <summary>Coordinator to worker: nothing to hand out now (runs may still come back from a lost node, or the
    /// next batch is not submitted yet); ask again shortly.</summary>
    public sealed record NoWorkYet : IClusterSweepMessage;

    /// <summary>Coordinator to worker: the session is over (every batch done, or it failed); stop.</summary>
    /// <param name="SessionId">The session that ended.</param>
    public sealed record SessionFinished(string SessionId) : IClusterSweepMessage;

    /// <summary>Coordinator to worker: this node may not take part (e.g. a different software version).</summary>
    /// <param name="Reason">Why, for the node's error message.</param>
    public sealed record Rejected(string Reason) : IClusterSweepMessage;

    /// <summary>Worker to coordinator: one piece of a finished run's Parquet file. Files travel in pieces below
    /// Akka's maximum frame size so a large run neither fails nor holds up cluster heartbeats.</summary>
    /// <param name="BatchId">The batch of the assignment.</param>
    /// <param name="RunId">The run.</param>
    /// <param name="Index">0-based piece number; pieces arrive in order (one sender, one receiver).</param>
    /// <param name="Count">Number of pieces of the file.</param>
    /// <param name="Sha256">Hex SHA-256 of the whole file, checked after reassembly.</param>
    /// <param name="Bytes">This piece's bytes (read-only).</param>
    /// <param name="Proof">HMAC of the piece (ids, position, whole-file hash, hash of these bytes) under the session's secret.</param>
    public sealed record ResultChunk(string BatchId, string RunId, int Index, int Count, string Sha256, ReadOnlyMemory<byte> Bytes, string Proof = "")
        : IClusterSweepMessage;

    /// <summary>Worker to coordinator: the run threw; runs are deterministic, so the batch fails rather than retrying.</summary>
    /// <param name="BatchId">The batch of the assignment.</param>
    /// <param name="RunId">The run.</param>
    /// <param name="Error">Exception type and message.</param>
    /// <param name="Proof">HMAC of ("failed", batch id, run id, error) under the session's secret.</param>
    public sealed record RunFailed(string BatchId, string RunId, string Error, string Proof = "") : IClusterSweepMessage;
}
