namespace ScoreSde.Plugins.Networks;

/// <summary>Declares the score networks: <c>ncsnpp</c> (NCSN++ and DDPM++), <c>ddpm</c> and <c>mlp</c>.</summary>
public sealed class NetworksPlugin : IScoreSdePlugin
{
    /// <inheritdoc/>
    public void Register(IComponentCatalog catalog)
    {
        catalog.Add<NcsnppNetworkFactory, NcsnppOptions>(
            ComponentKind.Network, "ncsnpp", "NCSN++ / DDPM++ U-Net of Song et al. (2021) for images.");
        catalog.Add<DdpmNetworkFactory, DdpmOptions>(
            ComponentKind.Network, "ddpm", "DDPM U-Net of Ho et al. (2020) for images.");
        catalog.Add<MlpNetworkFactory, MlpOptions>(
            ComponentKind.Network, "mlp", "Residual MLP with a time embedding for vector data such as 2-D toys.");
    }
}
