using MarketSim.Transport;

namespace MarketSim.Experiments.Config;

/// <summary>The congestion controller names accepted in experiment files, network files and by --cc.</summary>
public static class ControllerNames
{
    /// <summary>Every accepted name, in the order error messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = ["reno", "ewtcp", "coupled", "lia", "olia", "balia"];

    /// <summary>The controller of a name, or null when the name is not accepted.</summary>
    public static Controller? Parse(string name) => name switch
    {
        "reno" => Controller.Reno,
        "ewtcp" => Controller.Ewtcp,
        "coupled" => Controller.Coupled,
        "lia" => Controller.Lia,
        "olia" => Controller.Olia,
        "balia" => Controller.Balia,
        _ => null,
    };
}
