namespace MarketSim.Cluster;

/// <summary>What the queue offers a worker that asks for work.</summary>
public abstract record WorkOffer
{
    private WorkOffer() { }

    /// <summary>Make this run.</summary>
    /// <param name="RunId">The run to make.</param>
    public sealed record Run(string RunId) : WorkOffer;

    /// <summary>Nothing pending, but runs are in flight and come back if their worker is lost: ask again later.</summary>
    public sealed record Wait : WorkOffer;

    /// <summary>Every run is done.</summary>
    public sealed record Finished : WorkOffer;
}

/// <summary>What became of a result handed to <see cref="WorkQueue.Complete"/>.</summary>
public enum Completion
{
    /// <summary>First result of this run: write it.</summary>
    Accepted,

    /// <summary>The run is already done (a lost worker came back late, or two workers made it): ignore it.</summary>
    AlreadyDone,

    /// <summary>Not a run of this sweep: ignore it.</summary>
    Unknown,
}

/// <summary>
/// The coordinator's bookkeeping of a distributed sweep, with no actors and no I/O: each run is pending,
/// assigned to a worker, or done. Workers pull runs in plan order; the runs of a lost worker go back to the
/// front of the queue (still in plan order); the first result of a run wins and later ones are ignored, so a run
/// is written exactly once whoever makes it. Workers are opaque keys (the coordinator uses node addresses).
/// </summary>
public sealed class WorkQueue
{
    private readonly IReadOnlyList<string> runs;
    private readonly Dictionary<string, int> indexOf;
    private readonly SortedSet<int> pending = [];
    private readonly Dictionary<int, string> assigned = [];
    private readonly HashSet<int> done = [];

    /// <summary>A queue over <paramref name="runIds"/> in plan order; runs in <paramref name="alreadyDone"/> (files
    /// found by a resumed sweep) are done from the start.</summary>
    public WorkQueue(IEnumerable<string> runIds, IEnumerable<string> alreadyDone)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        ArgumentNullException.ThrowIfNull(alreadyDone);
        runs = runIds.ToList();
        indexOf = new Dictionary<string, int>(runs.Count, StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
            if (!indexOf.TryAdd(runs[i], i)) throw new ArgumentException($"run id '{runs[i]}' appears twice", nameof(runIds));
        var finished = alreadyDone.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            if (finished.Contains(runs[i])) done.Add(i);
            else pending.Add(i);
        }
    }

    /// <summary>Runs in the sweep.</summary>
    public int Total => runs.Count;

    /// <summary>Runs whose result is in.</summary>
    public int Done => done.Count;

    /// <summary>Runs waiting for a worker.</summary>
    public int Pending => pending.Count;

    /// <summary>Runs assigned to a worker and not done.</summary>
    public int InFlight => assigned.Count;

    /// <summary>True once every run is done.</summary>
    public bool IsFinished => done.Count == runs.Count;

    /// <summary>True if the run's result is in.</summary>
    public bool IsDone(string runId) => indexOf.TryGetValue(runId, out var i) && done.Contains(i);

    /// <summary>The runs <paramref name="worker"/> holds now, in plan order.</summary>
    public IReadOnlyList<string> AssignedTo(string worker)
        => assigned.Where(a => a.Value == worker).Select(a => a.Key).Order().Select(i => runs[i]).ToList();

    /// <summary>Hands <paramref name="worker"/> the first pending run, or says to wait or that all is done.</summary>
    public WorkOffer Next(string worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (IsFinished) return new WorkOffer.Finished();
        if (pending.Count == 0) return new WorkOffer.Wait();
        var next = pending.Min;
        pending.Remove(next);
        assigned[next] = worker;
        return new WorkOffer.Run(runs[next]);
    }

    /// <summary>Records the result of <paramref name="runId"/>, whoever made it: the first result wins.</summary>
    public Completion Complete(string runId)
    {
        if (!indexOf.TryGetValue(runId, out var i)) return Completion.Unknown;
        if (!done.Add(i)) return Completion.AlreadyDone;
        pending.Remove(i);      // a lost worker's run, back in the queue, finished after all
        assigned.Remove(i);
        return Completion.Accepted;
    }

    /// <summary>Takes every run away from a lost <paramref name="worker"/> and puts it back in the queue; returns
    /// those runs in plan order (empty if it held none, or was released already).</summary>
    public IReadOnlyList<string> Release(string worker)
    {
        var lost = assigned.Where(a => a.Value == worker).Select(a => a.Key).Order().ToList();
        foreach (var i in lost)
        {
            assigned.Remove(i);
            pending.Add(i);
        }
        return lost.Select(i => runs[i]).ToList();
    }
}
