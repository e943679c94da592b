using System.Collections;
using System.IO.Compression;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Checkpoints;

/// <summary>
/// A checkpoint written by the reference training loop (<c>score_sde_pytorch/utils.py: save_checkpoint</c>): a
/// PyTorch zip pickle of <c>{optimizer, model, ema, step}</c>. The model state dict carries the <c>module.</c>
/// prefix of <c>torch.nn.DataParallel</c>, and the EMA state is <c>{decay, num_updates, shadow_params}</c> with one
/// shadow per trainable parameter in <c>model.parameters()</c> order. The networks of this project use the
/// reference's parameter names, so the maps below check names and shapes rather than rename.
/// </summary>
/// <remarks>
/// Tensors are read on the CPU in their stored dtype (float32 for the reference's parameters). The optimizer state is kept as
/// read, so <see cref="LoadOptimizerState"/> can hand the reference's Adam moments to a TorchSharp Adam.
/// </remarks>
public sealed class ReferenceCheckpoint : IDisposable
{
    private const string DataParallelPrefix = "module.";

    private readonly Dictionary<string, Tensor> _model;
    private readonly List<Tensor> _shadows;
    private readonly IDictionary _optimizer;
    private readonly string _path;

    private ReferenceCheckpoint(
        string path,
        Dictionary<string, Tensor> model,
        List<Tensor> shadows,
        IDictionary optimizer,
        double emaDecay,
        long emaUpdates,
        long step)
    {
        _path = path;
        _model = model;
        _shadows = shadows;
        _optimizer = optimizer;
        EmaDecay = emaDecay;
        EmaUpdates = emaUpdates;
        Step = step;
    }

    /// <summary>Gets the training step stored in the checkpoint (reference <c>state['step']</c>).</summary>
    public long Step { get; }

    /// <summary>Gets the EMA rate of the run (reference <c>ema.decay</c>, e.g. 0.9999 for VP models).</summary>
    public double EmaDecay { get; }

    /// <summary>Gets the number of EMA updates so far (reference <c>ema.num_updates</c>).</summary>
    public long EmaUpdates { get; }

    /// <summary>Gets the raw model state dict with the <c>module.</c> prefix removed.</summary>
    public IReadOnlyDictionary<string, Tensor> Model => _model;

    /// <summary>Gets the EMA shadows, one per trainable parameter in <c>model.parameters()</c> order.</summary>
    public IReadOnlyList<Tensor> EmaShadows => _shadows;

    /// <summary>Reads a reference checkpoint.</summary>
    /// <param name="path">Path of the <c>.pth</c> file (e.g. <c>checkpoints/checkpoint_26.pth</c>).</param>
    /// <returns>The checkpoint, which owns its tensors until disposed.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ReferenceCheckpointException">The file is not such a checkpoint.</exception>
    public static ReferenceCheckpoint Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Reference checkpoint '{path}' does not exist.", path);
        }

        Hashtable root;
        try
        {
            using var stream = File.OpenRead(path);
            root = Unpickle(stream, path);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotImplementedException or InvalidCastException
            or Razorvine.Pickle.PickleException or EndOfStreamException or InvalidOperationException)
        {
            throw new ReferenceCheckpointException(
                $"'{path}' is not a PyTorch zip checkpoint that can be read ({ex.Message}). Give a file written by " +
                "torch.save in the reference's training loop (checkpoints/checkpoint_N.pth or " +
                "checkpoints-meta/checkpoint.pth).", ex);
        }

        try
        {
            return FromSections(root, path);
        }
        catch (ReferenceCheckpointException)
        {
            foreach (var tensor in SectionTensors(root))
            {
                tensor.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Maps the raw model weights onto a network's state dict keys, checking that every key of the network is
    /// present with the same shape and that the checkpoint has no key the network lacks.
    /// </summary>
    /// <param name="network">The network to load into. Only its keys and shapes are read.</param>
    /// <returns>A state dict for <c>load_state_dict</c> whose tensors belong to this checkpoint.</returns>
    /// <exception cref="ReferenceCheckpointException">A key is missing or extra, or a shape differs.</exception>
    public Dictionary<string, Tensor> ModelStateDict(nn.Module network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var target = network.state_dict();
        var extra = _model.Keys.Where(k => !target.ContainsKey(k)).ToList();
        if (extra.Count > 0)
        {
            throw new ReferenceCheckpointException(
                $"Checkpoint '{_path}' has {extra.Count} entries the network lacks, first '{extra[0]}'. The network " +
                "was built with other options than the checkpoint's config; set Network:NumResBlocks, " +
                "Network:AttnResolutions, Network:ChMult and the other Network keys to the values of the reference " +
                "config it was trained with.");
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in target)
        {
            if (!_model.TryGetValue(key, out var stored))
            {
                throw new ReferenceCheckpointException(
                    $"Checkpoint '{_path}' has no entry '{key}' (looked up as 'module.{key}'). The reference networks " +
                    "have no class conditioning (set Training:ClassConditional to false), and the Network keys must match " +
                    "the checkpoint's config.");
            }

            CheckShape(key, tensor, stored);
            result[key] = stored;
        }

        return result;
    }

    /// <summary>
    /// Builds the EMA weights as a state dict of the network: each trainable parameter, in
    /// <c>named_parameters()</c> order, takes the next shadow; parameters without gradient (the Fourier
    /// frequencies <c>W</c>) and buffers take the raw model values, as the reference's <c>ema.copy_to</c> does.
    /// </summary>
    /// <param name="network">The network to load into. Only its keys, shapes and requires_grad flags are read.</param>
    /// <returns>A state dict for <c>load_state_dict</c> whose tensors belong to this checkpoint.</returns>
    /// <exception cref="ReferenceCheckpointException">The shadows do not fit the network.</exception>
    public Dictionary<string, Tensor> EmaStateDict(nn.Module network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var result = ModelStateDict(network);
        var trainable = network.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (trainable.Count != _shadows.Count)
        {
            throw new ReferenceCheckpointException(
                $"Checkpoint '{_path}' has {_shadows.Count} EMA shadows, but the network has {trainable.Count} " +
                "trainable parameters. The network's options must match the checkpoint's config.");
        }

        for (var i = 0; i < trainable.Count; i++)
        {
            var (name, parameter) = trainable[i];
            CheckShape($"{name} (EMA shadow {i})", parameter, _shadows[i]);
            result[name] = _shadows[i];
        }

        return result;
    }

    /// <summary>
    /// Loads the reference's Adam state (moments and step counts) into an Adam optimizer over the network's
    /// trainable parameters, in <c>named_parameters()</c> order. The reference's optimizer contains every parameter
    /// of <c>model.parameters()</c>, the fixed Fourier frequencies <c>W</c> included; those have no state and are
    /// dropped from the mapping.
    /// </summary>
    /// <param name="network">The network whose trainable parameters <paramref name="optimizer"/> holds.</param>
    /// <param name="optimizer">An Adam optimizer created over those parameters, with one parameter group.</param>
    /// <remarks>Call it outside a dispose scope: the optimizer keeps the state tensors it reads.</remarks>
    /// <exception cref="ReferenceCheckpointException">The optimizer state does not fit the network.</exception>
    public void LoadOptimizerState(nn.Module network, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        var groups = _optimizer["param_groups"] as IList;
        var state = _optimizer["state"] as IDictionary;
        if (groups is not { Count: 1 } || groups[0] is not IDictionary group || group["params"] is not IList ids ||
            state is null)
        {
            throw NotReference(_path,
                "its optimizer entry is not a torch.optim.Adam state dict with one parameter group");
        }

        var parameters = network.named_parameters().ToList();
        if (ids.Count != parameters.Count)
        {
            throw new ReferenceCheckpointException(
                $"Checkpoint '{_path}' has optimizer state for {ids.Count} parameters, but the network has " +
                $"{parameters.Count}. The network's options must match the checkpoint's config.");
        }

        // Renumber the trainable parameters 0..T-1, the order of the parameters in the TorchSharp Adam.
        // NOTE: only tested on a positional-embedding checkpoint; dropping the Fourier W of NCSN++ has no test file.
        var trainableIds = new ArrayList();
        var trainableState = new Hashtable();
        for (var i = 0; i < parameters.Count; i++)
        {
            var (name, parameter) = parameters[i];
            if (!parameter.requires_grad)
            {
                continue;
            }

            var entry = state[ids[i]!] as IDictionary;
            foreach (var key in new[] { "exp_avg", "exp_avg_sq" })
            {
                if (entry?[key] is Tensor moment)
                {
                    CheckShape($"{name} (optimizer {key})", parameter, moment);
                }
            }

            if (entry is not null)
            {
                trainableState[trainableIds.Count] = entry;
            }

            trainableIds.Add(trainableIds.Count);
        }

        var renumberedGroup = new Hashtable();
        foreach (DictionaryEntry option in group)
        {
            renumberedGroup[option.Key] = option.Value;
        }

        renumberedGroup["params"] = trainableIds;
        var renumbered = new Hashtable { ["state"] = trainableState, ["param_groups"] = new ArrayList { renumberedGroup } };

        // PyBridge reads an optimizer state only from a torch.save stream, so the section is written to one first.
        using var stream = new MemoryStream();
        PyTorchPickler.PickleStateDict(stream, renumbered, leaveOpen: true);
        stream.Seek(0, SeekOrigin.Begin);
        try
        {
            optimizer.load_py(stream, leaveOpen: true);
        }
        catch (Exception ex) when (ex is InvalidCastException or KeyNotFoundException or NullReferenceException
            or ArgumentException or Razorvine.Pickle.PickleException)
        {
            throw new ReferenceCheckpointException(
                $"The optimizer state of checkpoint '{_path}' could not be loaded into Adam ({ex.Message}). The " +
                "reference's optimizer must be Adam (optim.optimizer = 'Adam').", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var tensor in _model.Values.Concat(_shadows).Concat(Tensors(_optimizer)))
        {
            tensor.Dispose();
        }

        _model.Clear();
        _shadows.Clear();
        _optimizer.Clear();
    }

    private static ReferenceCheckpoint FromSections(Hashtable root, string path)
    {
        var model = Section<IDictionary>(root, "model", path);
        var ema = Section<IDictionary>(root, "ema", path);
        var optimizer = Section<IDictionary>(root, "optimizer", path);
        var shadowList = ema["shadow_params"] as IList ?? throw NotReference(path, "ema.shadow_params is missing");
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in model)
        {
            var key = entry.Key as string ?? throw NotReference(path, $"model key {entry.Key} is not a string");
            var value = entry.Value as Tensor ?? throw NotReference(path, $"model entry '{key}' is not a tensor");
            state[key.StartsWith(DataParallelPrefix, StringComparison.Ordinal) ? key[DataParallelPrefix.Length..] : key] =
                value.DetachFromDisposeScope();
        }

        var shadows = new List<Tensor>(shadowList.Count);
        foreach (var item in shadowList)
        {
            shadows.Add((item as Tensor ?? throw NotReference(path, "an ema.shadow_params entry is not a tensor"))
                .DetachFromDisposeScope());
        }

        return new ReferenceCheckpoint(
            path,
            state,
            shadows,
            optimizer,
            Number(ema["decay"], "ema.decay", path),
            (long)Number(ema["num_updates"], "ema.num_updates", path),
            (long)Number(root["step"], "step", path));
    }

    private static Hashtable Unpickle(Stream stream, string path)
    {
        // PyBridge reads the zip's data.pkl with Razorvine's unpickler and the tensors from data/N.
        // NOTE: tested with one storage per tensor, as the reference's state dicts are saved; views that share a
        // storage rely on PyBridge 1.4.4's strided reconstruction, which no test here exercises.
        Span<byte> signature = stackalloc byte[4];
        if (stream.Read(signature) != 4 || signature[0] != 0x50 || signature[1] != 0x4b)
        {
            throw new ReferenceCheckpointException(
                $"'{path}' is not a zip archive, so it is not a checkpoint of torch.save (PyTorch 1.6 or later). " +
                "Re-save the legacy file with torch.save(torch.load(path), path) in Python.");
        }

        stream.Seek(0, SeekOrigin.Begin);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (!archive.Entries.Any(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal)))
            {
                throw new ReferenceCheckpointException(
                    $"'{path}' is a zip archive without data.pkl, so it was not written by torch.save.");
            }
        }

        stream.Seek(0, SeekOrigin.Begin);
        using var scope = NewDisposeScope();
        var root = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true, skipTensorRead: false);

        // Every tensor of the three sections leaves the scope, and the checkpoint's Dispose frees them.
        foreach (var tensor in SectionTensors(root))
        {
            tensor.DetachFromDisposeScope();
        }

        return root;
    }

    private static IEnumerable<Tensor> SectionTensors(Hashtable root) =>
        Tensors(root["model"]).Concat(Tensors(root["ema"])).Concat(Tensors(root["optimizer"]));

    private static IEnumerable<Tensor> Tensors(object? value) => value switch
    {
        Tensor tensor => [tensor],
        IDictionary dictionary => dictionary.Values.Cast<object?>().SelectMany(Tensors),
        IList list => list.Cast<object?>().SelectMany(Tensors),
        _ => [],
    };

    private static T Section<T>(Hashtable root, string key, string path)
        where T : class =>
        root[key] as T ?? throw NotReference(
            path, $"it has no '{key}' entry (top-level keys: {string.Join(", ", root.Keys.Cast<object>())})");

    private static double Number(object? value, string key, string path) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        Tensor t when t.numel() == 1 => t.ToDouble(),
        _ => throw NotReference(path, $"'{key}' is {value ?? "missing"}, not a number"),
    };

    private static ReferenceCheckpointException NotReference(string path, string detail) => new(
        $"'{path}' is not a checkpoint of the reference training loop: {detail}. Expected a dict with keys " +
        "optimizer, model, ema (decay, num_updates, shadow_params) and step, as utils.save_checkpoint writes.");

    private void CheckShape(string key, Tensor expected, Tensor stored)
    {
        if (!expected.shape.SequenceEqual(stored.shape))
        {
            throw new ReferenceCheckpointException(
                $"Checkpoint '{_path}' stores '{key}' with shape [{string.Join(", ", stored.shape)}], but the " +
                $"network has [{string.Join(", ", expected.shape)}]. Set Network:Nf, Network:ChMult and the data " +
                "shape (the data set's channels and image size, Data:PadTo) to the values of the checkpoint's config.");
        }
    }
}
