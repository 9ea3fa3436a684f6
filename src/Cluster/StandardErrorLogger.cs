using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace MarketSim.Cluster;

/// <summary>Akka logger that writes one line per event to stderr, so cluster warnings (a lost connection, a
/// downed node) never mix with the progress lines a command prints on stdout, and a killed worker reads as one
/// line rather than a stack trace.</summary>
public sealed class StandardErrorLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Creates the logger (Akka does, from the `akka.loggers` setting).</summary>
    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(Format(e)));
    }

    /// <summary>`akka LEVEL: message (cause)`, on one line.</summary>
    public static string Format(LogEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var level = e.LogLevel() switch
        {
            LogLevel.ErrorLevel => "error",
            LogLevel.WarningLevel => "warning",
            LogLevel.InfoLevel => "info",
            _ => "debug",
        };
        var message = FirstLine(e.Message?.ToString());
        var cause = e is Error { Cause: { } c } ? $" ({c.GetType().Name}: {FirstLine(c.Message)})" : "";
        return $"akka {level}: {message}{cause}";
    }

    // Akka puts whole stack traces into some messages (a lost connection's reason): the first line says it.
    private static string FirstLine(string? text)
    {
        var value = text ?? "";
        var end = value.IndexOfAny(['\r', '\n']);
        return (end < 0 ? value : value[..end]).TrimEnd();
    }
}
