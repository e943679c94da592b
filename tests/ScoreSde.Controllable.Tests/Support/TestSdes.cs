using ScoreSde.Plugins.Sdes;
using ScoreSde.Sdes;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>The SDEs of the paper with few discretization steps, so that sampling in tests takes milliseconds.</summary>
internal static class TestSdes
{
    public static ISde Ve(int n = 50) => new VeSde(new VeSdeOptions { SigmaMin = 0.01, SigmaMax = 5, N = n });

    public static ISde Vp(int n = 50) => new VpSde(new VpSdeOptions { BetaMin = 0.1, BetaMax = 20, N = n });

    public static ISde SubVp(int n = 50) => new SubVpSde(new SubVpSdeOptions { BetaMin = 0.1, BetaMax = 20, N = n });
}
