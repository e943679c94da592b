namespace ScoreSde.Plugins.Datasets;

/// <summary>Options of the <c>fashion_mnist</c> data set (configuration section <c>Dataset</c>).</summary>
public sealed class FashionMnistOptions
{
    /// <summary>
    /// Gets or sets the folder holding the four IDX files (gzip or raw). Default: <see langword="null"/>, which
    /// means /usr/share/datasets/fashion-mnist (Debian's <c>dataset-fashion-mnist</c>), or the embedded sample
    /// folder when <see cref="Sample"/> is set.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether to use the embedded class-balanced sample (2,000 training and 500
    /// test images) instead of the full set. Default: <see langword="false"/>.
    /// </summary>
    public bool Sample { get; set; }
}
