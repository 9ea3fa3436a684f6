using MarketSim.Agents.Recording;
using MarketSim.Market;
using MarketSim.Market.Population;
using MarketSim.Market.Providers;
using MarketSim.Reports.Results;
using Parquet;

namespace MarketSim.Experiments.Output;

/// <summary>
/// Streams a run's per-user rows into a Parquet file, one row group per month, under a temporary name
/// (<see cref="AtomicFile"/>'s convention). The owner publishes it under its final name with <see cref="Publish"/>
/// once the whole run has succeeded; disposing an unpublished file deletes it, so a failed or cancelled run
/// leaves no per-user file under its final name.
/// </summary>
public sealed class UserMetricsFile : IUserSink, IAsyncDisposable
{
    private readonly string path;
    private readonly string temporary;
    private readonly FileStream stream;
    private readonly ParquetWriter writer;
    private readonly UserMetricsTable.MonthBuffers buffers;
    // The recorder writes on an actor thread while the run's owner may dispose after a failure: one at a time.
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool completed;
    private bool published;
    private bool disposed;

    private UserMetricsFile(string path, string temporary, FileStream stream, ParquetWriter writer, UserMetricsTable.MonthBuffers buffers)
    {
        this.path = path;
        this.temporary = temporary;
        this.stream = stream;
        this.writer = writer;
        this.buffers = buffers;
    }

    /// <summary>Rows written so far (users × months).</summary>
    public long Rows { get; private set; }

    /// <summary>Row groups written so far (one per month).</summary>
    public int RowGroups { get; private set; }

    /// <summary>Opens a temporary file next to <paramref name="path"/> for the per-user rows of run <paramref name="runId"/>.</summary>
    public static async Task<UserMetricsFile> CreateAsync(string path, string runId, MarketSpec market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var temporary = AtomicFile.TemporaryPathFor(path);
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        try
        {
            var writer = await ParquetWriter.CreateAsync(UserMetricsTable.Schema, stream, UserMetricsTable.Options).ConfigureAwait(false);
            var buffers = new UserMetricsTable.MonthBuffers(runId, market.BuildStructure(), market.Population.Users);
            return new UserMetricsFile(path, temporary, stream, writer, buffers);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            File.Delete(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(int tick, IReadOnlyList<UserStates> blocksInOrder, ThroughputTable throughput)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (completed) throw new InvalidOperationException("the per-user file is already complete");
            await buffers.WriteAsync(writer, tick, blocksInOrder, throughput).ConfigureAwait(false);
            Rows += blocksInOrder.Sum(b => (long)b.Count);
            RowGroups++;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes the Parquet footer and flushes the file to disk; it keeps its temporary name until <see cref="Publish"/>.</summary>
    public async Task CompleteAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (completed) return;
            await writer.DisposeAsync().ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync().ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Renames the complete file to its final name (replacing an older one); returns that name.</summary>
    public string Publish()
    {
        if (!completed) throw new InvalidOperationException("the per-user file is not complete; the run has not finished");
        if (!published) File.Move(temporary, path, overwrite: true);
        published = true;
        return path;
    }

    /// <summary>Closes the file; an unpublished one is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (disposed) return;
            disposed = true;
            if (!completed)
            {
                // A failed run: the footer is irrelevant, the file goes. Writer errors here must not hide the run's error.
                try
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException)
                {
                }
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            if (!published) File.Delete(temporary);
        }
        finally
        {
            gate.Release();
        }
    }
}
