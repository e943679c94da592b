namespace ScoreSde.Plugins.Sdes;

/// <summary>Declares the three SDEs of Song et al. 2021: <c>ve</c>, <c>vp</c> and <c>subvp</c>.</summary>
public sealed class SdesPlugin : IScoreSdePlugin
{
    /// <inheritdoc/>
    public void Register(IComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Add<VeSde, VeSdeOptions>(
            ComponentKind.Sde, "ve", "Variance exploding SDE (SMLD/NCSN's continuous limit).");
        catalog.Add<VpSde, VpSdeOptions>(
            ComponentKind.Sde, "vp", "Variance preserving SDE (DDPM's continuous limit).");
        catalog.Add<SubVpSde, SubVpSdeOptions>(
            ComponentKind.Sde, "subvp", "Sub-VP SDE, whose variance stays below VP's; best likelihoods.");
    }
}
