using System.CommandLine;
using ScoreSde.Data;
using ScoreSde.Evaluation;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde fashion-sample</c>: writes the class-balanced Fashion-MNIST sample (the repository's
/// <c>data/fashion-mnist-sample</c>) from the full data set.
/// </summary>
public static class FashionSampleCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var source = new Option<DirectoryInfo>("--source")
        {
            Description = "Folder of the full Fashion-MNIST IDX files (gzip or raw).",
            DefaultValueFactory = _ => new DirectoryInfo(FashionMnist.DefaultDirectory),
        };
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Folder that receives the four gzip IDX files; existing files are overwritten.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("data", FashionMnistSample.FolderName)),
        };
        var command = new Command(
            "fashion-sample",
            $"Write the Fashion-MNIST sample: the first {FashionMnistSample.TrainPerClass} training and " +
            $"{FashionMnistSample.TestPerClass} test images of each class, in file order.")
        {
            source,
            output,
        };
        command.SetAction(parse =>
        {
            var sourceDirectory = parse.GetValue(source)!.FullName;
            var outputDirectory = parse.GetValue(output)!.FullName;
            FashionMnistSample.Write(sourceDirectory, outputDirectory);
            foreach (var split in new[] { DataSplit.Train, DataSplit.Test })
            {
                foreach (var name in new[] { FashionMnist.ImagesFileName(split), FashionMnist.LabelsFileName(split) })
                {
                    var path = Path.Combine(outputDirectory, name + ".gz");
                    Console.Out.WriteLine($"{DataChecksum.OfFile(path)}  {path}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
