using ScoreSde.Plugins.Networks.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// Walks a ModuleList in order during a forward pass, the way the reference advances <c>m_idx</c>, and checks
/// that every module was used exactly once.
/// </summary>
internal sealed class ModuleWalker
{
    private readonly ModuleList<nn.Module> _modules;
    private int _index;

    /// <summary>Initializes a new instance of the <see cref="ModuleWalker"/> class.</summary>
    /// <param name="modules">The modules, in call order.</param>
    public ModuleWalker(ModuleList<nn.Module> modules) => _modules = modules;

    /// <summary>Calls the next module, which takes one tensor.</summary>
    /// <param name="x">Input.</param>
    /// <returns>The output.</returns>
    public Tensor Apply(Tensor x) => Next<nn.Module<Tensor, Tensor>>().call(x);

    /// <summary>Calls the next module, a residual block with a time embedding.</summary>
    /// <param name="x">Input.</param>
    /// <param name="temb">Time embedding, or null.</param>
    /// <returns>The output.</returns>
    public Tensor Block(Tensor x, Tensor? temb) => Next<TimeConditionedBlock>().call(x, temb);

    /// <summary>Calls the next module, a pyramid <see cref="Layers.Combine"/>.</summary>
    /// <param name="pyramid">Pyramid input.</param>
    /// <param name="features">Features.</param>
    /// <returns>The merged features.</returns>
    public Tensor Combine(Tensor pyramid, Tensor features) => Next<Combine>().call(pyramid, features);

    /// <summary>Throws if some modules were not used.</summary>
    public void EnsureFinished()
    {
        if (_index != _modules.Count)
        {
            throw new InvalidOperationException(
                $"The forward pass used {_index} of {_modules.Count} modules; the module list and the forward " +
                "pass disagree.");
        }
    }

    private T Next<T>()
        where T : class
    {
        if (_index >= _modules.Count)
        {
            throw new InvalidOperationException($"The forward pass needs more than the {_modules.Count} modules built.");
        }

        var module = _modules[_index++];
        return module as T ?? throw new InvalidOperationException(
            $"Module {_index - 1} is a {module.GetType().Name}, but the forward pass expected a {typeof(T).Name}.");
    }
}
