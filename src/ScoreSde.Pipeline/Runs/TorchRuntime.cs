using System.Reflection;
using Microsoft.Extensions.Logging;
using ScoreSde.Pipeline.Configuration;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>Process-wide torch settings from <see cref="RunOptions"/>: thread count and device.</summary>
public static partial class TorchRuntime
{
    /// <summary>Assembly metadata key that build/TorchSharpKeepAlive adds to the TorchSharp.dll it rewrites.</summary>
    public const string KeepAliveMarkerKey = "ScoreSde.KeepAliveRewrite";

    /// <summary>
    /// Gets a value indicating whether the loaded TorchSharp.dll is the build's rewritten copy, which keeps Scalar
    /// and Tensor arguments alive during native calls. The NuGet original can let a garbage collection free an
    /// argument that libtorch is still reading.
    /// </summary>
    public static bool KeepsArgumentsAlive { get; } = typeof(Tensor).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Any(attribute => attribute.Key == KeepAliveMarkerKey);

    /// <summary>Applies the thread count and logs the device that <see cref="RunOptions.Device"/> selects.</summary>
    /// <param name="run">Run options.</param>
    /// <param name="logger">Receives the choice.</param>
    /// <returns>The selected device.</returns>
    public static Device Configure(RunOptions run, ILogger logger)
    {
        ApplyThreads(run, logger);
        var device = SelectDevice(run.Device);
        LogDevice(logger, device.ToString(), get_num_threads());
        return device;
    }

    /// <summary>
    /// Applies <see cref="RunOptions.Threads"/> and warns when TorchSharp.dll is not the rewritten copy. Commands
    /// that sample or evaluate call this; training calls <see cref="Configure"/>, which also picks the device.
    /// </summary>
    /// <param name="run">Run options.</param>
    /// <param name="logger">Receives the warning.</param>
    public static void ApplyThreads(RunOptions run, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Threads > 0)
        {
            set_num_threads(run.Threads);
        }

        if (!KeepsArgumentsAlive)
        {
            LogUnpatchedTorchSharp(logger, typeof(Tensor).Assembly.Location);
        }
    }

    /// <summary>Maps a <c>Run:Device</c> value to a device: auto is CUDA when available, otherwise the CPU.</summary>
    /// <param name="name">auto, cpu, cuda or cuda:N.</param>
    /// <returns>The device.</returns>
    /// <exception cref="Plugins.ComponentConfigurationException">CUDA was requested but is not available.</exception>
    public static Device SelectDevice(string name)
    {
        if (name == "auto")
        {
            return cuda.is_available() ? CUDA : CPU;
        }

        if (name.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available())
        {
            throw new Plugins.ComponentConfigurationException(
                $"Run:Device is '{name}', but CUDA is not available in this build or on this machine. Set " +
                "Run:Device to auto or cpu, or build with -p:TorchBackend=cuda on a machine with a GPU.");
        }

        return device(name);
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Path} is the unmodified TorchSharp.dll: a garbage collection during a native call can free its arguments and fail the run at random. Build the host inside this repository (Directory.Build.targets rewrites the copy) or copy TorchSharp.dll from a repository build")]
    private static partial void LogUnpatchedTorchSharp(ILogger logger, string path);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Torch device {Device}, {Threads} CPU threads")]
    private static partial void LogDevice(ILogger logger, string device, int threads);
}
