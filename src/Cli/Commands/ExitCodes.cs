using MarketSim.Reports.Results;

namespace MarketSim.Cli.Commands;

/// <summary>Process exit codes and the one place that maps errors to them.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The run failed (a bug or an environment problem).</summary>
    public const int Failure = 1;

    /// <summary>The input was bad: file, line, key and accepted values are on stderr.</summary>
    public const int BadInput = 2;

    /// <summary>Runs <paramref name="action"/>, printing a one-line error to stderr and returning the matching code.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return Failure;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return Failure;
        }
    }
}
