using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Sdes;

/// <summary>
/// A per-step table computed once per dtype, in that dtype, so float32 runs match the reference's float32
/// tables and float64 runs its float64 tables. The tensors live as long as the SDE, outside any dispose scope.
/// </summary>
internal sealed class DtypeTables
{
    private readonly Func<ScalarType, Tensor> _compute;
    private readonly ConcurrentDictionary<ScalarType, Tensor> _tables = new();

    public DtypeTables(Func<ScalarType, Tensor> compute) => _compute = compute;

    public Tensor Get(ScalarType dtype)
    {
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
        {
            throw new ArgumentException($"SDE tables support float32 and float64 tensors, not {dtype}.", nameof(dtype));
        }

        return _tables.GetOrAdd(dtype, Create);
    }

    private Tensor Create(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        return _compute(dtype).DetachFromDisposeScope();
    }
}
