using System.CommandLine;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Controllable;

/// <summary>The <c>--input FILE</c> and <c>--test-index N</c> options that choose one input image.</summary>
public sealed class InputImageOptions
{
    /// <summary>Initializes a new instance of the <see cref="InputImageOptions"/> class.</summary>
    /// <param name="inputDescription">Help text of <c>--input</c>.</param>
    public InputImageOptions(string inputDescription = "PNG image at the run's image size.")
    {
        Input = new Option<FileInfo?>("--input") { Description = inputDescription };
    }

    /// <summary>Gets <c>--input FILE</c>.</summary>
    public Option<FileInfo?> Input { get; }

    /// <summary>Gets <c>--test-index N</c>.</summary>
    public Option<int?> TestIndex { get; } = new("--test-index")
    {
        Description = "Use example N (zero-based) of the run's test split as input.",
    };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Input);
        command.Options.Add(TestIndex);
    }

    /// <summary>Reads the chosen image in the network's data space, shape [1, C, H, W].</summary>
    /// <param name="session">The opened workdir.</param>
    /// <param name="parse">The parse result.</param>
    /// <returns>The image and a short description for messages.</returns>
    public (Tensor Image, string Description) Load(ControllableSession session, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(parse);
        return session.LoadInput(parse.GetValue(Input), parse.GetValue(TestIndex));
    }

    /// <summary>Gets a file-name part for the input: the file's name without extension, or test&lt;N&gt;.</summary>
    /// <param name="parse">The parse result.</param>
    /// <returns>The name.</returns>
    public string Name(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Input) is { } file
            ? Path.GetFileNameWithoutExtension(file.Name)
            : $"test{parse.GetValue(TestIndex)}";
    }
}
