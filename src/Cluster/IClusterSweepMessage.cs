namespace MarketSim.Cluster;

/// <summary>Marker of every <see cref="ClusterSweepProtocol"/> message: Akka binds <see cref="ClusterSweepSerializer"/> to it.</summary>
public interface IClusterSweepMessage;
