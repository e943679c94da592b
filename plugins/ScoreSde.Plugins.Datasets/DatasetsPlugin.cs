using ScoreSde.Data;

namespace ScoreSde.Plugins.Datasets;

/// <summary>Declares the data sets: Fashion-MNIST, folders of images and 2-D toy distributions.</summary>
public sealed class DatasetsPlugin : IScoreSdePlugin
{
    /// <inheritdoc/>
    public void Register(IComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Add<FashionMnistDatasetFactory, FashionMnistOptions>(
            ComponentKind.Dataset,
            "fashion_mnist",
            "Fashion-MNIST 28x28 grayscale clothing images, 10 classes (Sample: true for the embedded subset).");
    }
}
