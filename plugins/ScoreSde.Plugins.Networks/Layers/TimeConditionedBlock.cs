using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>A residual block that takes the features and an optional time embedding of shape [B, E].</summary>
internal abstract class TimeConditionedBlock : nn.Module<Tensor, Tensor?, Tensor>
{
    /// <summary>Initializes a new instance of the <see cref="TimeConditionedBlock"/> class.</summary>
    /// <param name="name">Module name.</param>
    protected TimeConditionedBlock(string name)
        : base(name)
    {
    }

    /// <summary>Adds the per-channel bias Dense_0(SiLU(temb)) to the features, if there is an embedding.</summary>
    /// <param name="h">Features [B, C, H, W].</param>
    /// <param name="dense">The block's Dense_0 layer.</param>
    /// <param name="temb">Time embedding, or null.</param>
    /// <returns>The biased features.</returns>
    protected static Tensor AddTimeBias(Tensor h, Linear? dense, Tensor? temb)
    {
        if (temb is null || dense is null)
        {
            return h;
        }

        return h + dense.call(nn.functional.silu(temb)).unsqueeze(-1).unsqueeze(-1);
    }
}
