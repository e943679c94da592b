namespace ScoreSde.Plugins.Datasets;

/// <summary>Declares the data sets: Fashion-MNIST, folders of images and 2-D toy distributions.</summary>
public sealed class DatasetsPlugin : IScoreSdePlugin
{
    /// <inheritdoc/>
    public void Register(IComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog
            .Add<FashionMnistDatasetFactory, FashionMnistOptions>(
                ComponentKind.Dataset,
                "fashion_mnist",
                "Fashion-MNIST 28x28 grayscale clothing images, 10 classes (Sample: true for the embedded subset).")
            .Add<ImageFolderDatasetFactory, ImageFolderOptions>(
                ComponentKind.Dataset,
                "image_folder",
                "PNG and JPEG files of a folder, one subfolder per class, resized and center-cropped.")
            .Add<CheckerboardDatasetFactory, ToyDatasetOptions>(
                ComponentKind.Dataset, "checkerboard", "2-D points uniform on the black squares of a checkerboard.")
            .Add<EightGaussiansDatasetFactory, ToyDatasetOptions>(
                ComponentKind.Dataset, "eight_gaussians", "2-D mixture of 8 Gaussians on a circle.")
            .Add<TwoMoonsDatasetFactory, TwoMoonsOptions>(
                ComponentKind.Dataset, "two_moons", "2-D noisy interleaved half circles.")
            .Add<SwissRollDatasetFactory, SwissRollOptions>(
                ComponentKind.Dataset, "swiss_roll", "2-D noisy spiral.")
            .Add<GaussianMixtureDatasetFactory, GaussianMixtureOptions>(
                ComponentKind.Dataset, "gaussian_mixture", "2-D mixture of Gaussians on a square grid.");
    }
}
