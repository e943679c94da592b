using ScottPlot;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>Draws 2-D samples as a scatter plot PNG, the picture of a sample grid for vector data.</summary>
public static class ScatterPlotWriter
{
    /// <summary>Writes a scatter plot of the first two coordinates of <paramref name="samples"/>.</summary>
    /// <param name="path">PNG path.</param>
    /// <param name="samples">Samples of shape [N, D] with D at least 2.</param>
    /// <param name="title">Plot title.</param>
    public static void Write(string path, Tensor samples, string title)
    {
        if (samples.dim() != 2 || samples.shape[1] < 2)
        {
            throw new ArgumentException(
                $"A scatter plot needs samples of shape [N, D>=2], got [{string.Join(", ", samples.shape)}].",
                nameof(samples));
        }

        using var scope = NewDisposeScope();
        var cpu = samples.to(ScalarType.Float64).cpu();
        var xs = cpu[.., 0].data<double>().ToArray();
        var ys = cpu[.., 1].data<double>().ToArray();
        var plot = new Plot();
        var scatter = plot.Add.ScatterPoints(xs, ys);
        scatter.MarkerSize = 2;
        plot.Title(title);
        plot.Axes.SquareUnits();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 600, 600);
    }
}
