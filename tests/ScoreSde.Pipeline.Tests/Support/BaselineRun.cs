using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>The uninterrupted tiny run that interrupted and faulted runs are compared with, trained once per class.</summary>
public sealed class BaselineRun : IAsyncLifetime
{
    private readonly TinyRun _run = new();

    /// <summary>Gets the final network weights.</summary>
    public Dictionary<string, Tensor> Model { get; private set; } = [];

    /// <summary>Gets the final EMA weights.</summary>
    public Dictionary<string, Tensor> Ema { get; private set; } = [];

    /// <summary>Gets the run folder.</summary>
    public string Workdir => _run.Workdir("baseline");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var result = await _run.TrainAsync(Workdir);
        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error ?? "The baseline run did not finish.");
        Model = TinyRun.ReadNewest(Workdir, "model.pth");
        Ema = TinyRun.ReadNewest(Workdir, "ema.pth");
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _run.Dispose();
        return ValueTask.CompletedTask;
    }
}
