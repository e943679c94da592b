using ScoreSde.Metrics;

namespace ScoreSde.Evaluation;

/// <summary>
/// Checks that two metric values were computed under the same conditions, so that comparing them means
/// something: FID on 1,000 samples is biased upwards against FID on 10,000, and features from two networks live
/// in different spaces.
/// </summary>
public static class MetricComparison
{
    /// <summary>Throws unless the two values can be compared.</summary>
    /// <param name="first">A value.</param>
    /// <param name="second">Another value.</param>
    /// <exception cref="InvalidOperationException">
    /// The metric names differ, or a key of <see cref="MetricDetails.ComparabilityKeys"/> differs or is present
    /// in only one of the two; the message lists each difference.
    /// </exception>
    public static void EnsureComparable(MetricValue first, MetricValue second)
    {
        if (!IsComparable(first, second, out var reason))
        {
            throw new InvalidOperationException(reason);
        }
    }

    /// <summary>Checks whether two values can be compared.</summary>
    /// <param name="first">A value.</param>
    /// <param name="second">Another value.</param>
    /// <param name="reason">Why they cannot be compared, or an empty string when they can.</param>
    /// <returns><see langword="true"/> when they can be compared.</returns>
    public static bool IsComparable(MetricValue first, MetricValue second, out string reason)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!string.Equals(first.Name, second.Name, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"Cannot compare metric '{first.Name}' with metric '{second.Name}'.";
            return false;
        }

        var differences = new List<string>();
        foreach (var key in MetricDetails.ComparabilityKeys)
        {
            var hasFirst = first.Details.TryGetValue(key, out var a);
            var hasSecond = second.Details.TryGetValue(key, out var b);
            if (hasFirst != hasSecond || !string.Equals(a, b, StringComparison.Ordinal))
            {
                differences.Add($"{key} is {a ?? "missing"} in one and {b ?? "missing"} in the other");
            }
        }

        if (differences.Count == 0)
        {
            reason = string.Empty;
            return true;
        }

        reason = $"Cannot compare the two '{first.Name}' values {first.Value:G6} and {second.Value:G6}: " +
            string.Join("; ", differences) + ". Recompute both with the same sample count, feature network and " +
            "reference statistics.";
        return false;
    }
}
