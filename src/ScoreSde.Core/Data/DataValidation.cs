using ScoreSde.Plugins;

namespace ScoreSde.Data;

/// <summary>Start-up checks that a data set fits the task that the configuration asks for.</summary>
public static class DataValidation
{
    /// <summary>Checks that the data set has class labels, for class-conditional training or sampling.</summary>
    /// <param name="info">The data set.</param>
    /// <param name="configurationKey">Key that asks for labels, for example <c>Training:ClassConditional</c>.</param>
    /// <exception cref="ComponentConfigurationException">The data set has no labels.</exception>
    public static void RequireLabels(DatasetInfo info, string configurationKey)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(configurationKey);
        if (!info.HasLabels)
        {
            throw new ComponentConfigurationException(
                $"{configurationKey} requires class labels, but the data set '{info.Name}' has none. Set " +
                $"{configurationKey} to false, or use a labelled data set such as fashion_mnist or image_folder " +
                "with one subfolder per class.");
        }
    }

    /// <summary>Checks that the data set has examples of the shape a network expects.</summary>
    /// <param name="shape">Shape of one example after the transforms.</param>
    /// <param name="expected">Shape the network expects.</param>
    /// <param name="configurationKey">Key that sets the expected shape, used in the message.</param>
    /// <exception cref="ComponentConfigurationException">The shapes differ.</exception>
    public static void RequireShape(IReadOnlyList<long> shape, IReadOnlyList<long> expected, string configurationKey)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(expected);
        if (!shape.SequenceEqual(expected))
        {
            throw new ComponentConfigurationException(
                $"The data has examples of shape [{string.Join(", ", shape)}] but {configurationKey} expects " +
                $"[{string.Join(", ", expected)}]. Change {configurationKey}, or pad or resize the data to match.");
        }
    }
}
