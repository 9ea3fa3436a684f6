namespace MarketSim.Market.Providers;

/// <summary>
/// One path of a portfolio: the contract (seller) it belongs to, the ISP whose access network carries it, and
/// whether it leaves that network through the seller's proxy transit instead of the ISP's own backhaul.
/// </summary>
/// <param name="Seller">Provider whose plan the path belongs to (who bills for it).</param>
/// <param name="Access">ISP whose cell, hotspot or line the path uses.</param>
/// <param name="ViaProxyTransit">True for the second route of a proxy plan.</param>
public readonly record struct AccessPath(int Seller, int Access, bool ViaProxyTransit);
