using System.Globalization;

namespace ScoreSde.Controllable;

/// <summary>Resolves a class given by name or index (the CLI's <c>--class</c>) against class names.</summary>
public static class ClassChoice
{
    /// <summary>Finds the label of a class given by name (case-insensitive) or zero-based index.</summary>
    /// <param name="value">The option's value.</param>
    /// <param name="classNames">The run's class names, indexed by label.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentException">The data has no classes or the class does not exist.</exception>
    public static int Resolve(string value, IReadOnlyList<string> classNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0)
        {
            throw new ArgumentException(
                "The data set has no class labels, so there is no class to choose. Train on labelled data " +
                "such as fashion_mnist or an image folder with one subfolder per class.");
        }

        for (var i = 0; i < classNames.Count; i++)
        {
            if (string.Equals(classNames[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
            index < classNames.Count)
        {
            return index;
        }

        throw new ArgumentException(
            $"Class '{value}' does not exist. The classes are: " +
            string.Join(", ", classNames.Select((name, i) => $"{i} {name}")) + ".");
    }
}
