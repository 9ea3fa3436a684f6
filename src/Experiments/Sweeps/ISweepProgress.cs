namespace MarketSim.Experiments.Sweeps;

/// <summary>Receives progress of a sweep (the command line shows it live or as plain lines).</summary>
public interface ISweepProgress
{
    /// <summary>The sweep starts: <paramref name="total"/> runs planned, <paramref name="alreadyDone"/> found complete (resume).</summary>
    void Started(int total, int alreadyDone);

    /// <summary>A run finished and its file is in place.</summary>
    void RunFinished(string runId, int done, int total);

    /// <summary>Something the user should know, e.g. a run found incomplete on resume that is made again.</summary>
    void Note(string message)
    {
    }
}

/// <summary>Discards progress.</summary>
public sealed class SilentProgress : ISweepProgress
{
    /// <inheritdoc />
    public void Started(int total, int alreadyDone) { }

    /// <inheritdoc />
    public void RunFinished(string runId, int done, int total) { }
}
