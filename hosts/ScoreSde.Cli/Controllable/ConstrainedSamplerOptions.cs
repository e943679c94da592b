using System.CommandLine;
using System.Globalization;

namespace ScoreSde.Cli.Controllable;

/// <summary>
/// Options of the commands that sample under a constraint (inpaint, colorize). The projection runs after every
/// predictor and corrector update, which only the predictor-corrector sampler <c>pc</c> has, so these commands
/// always use <c>pc</c> with the predictor and corrector given here.
/// </summary>
public sealed class ConstrainedSamplerOptions
{
    /// <summary>Gets <c>--predictor NAME</c>.</summary>
    public Option<string> Predictor { get; } = new("--predictor")
    {
        Description = "Predictor: euler_maruyama, reverse_diffusion (default), ancestral_sampling or none.",
        DefaultValueFactory = _ => "reverse_diffusion",
    };

    /// <summary>Gets <c>--corrector NAME</c>.</summary>
    public Option<string> Corrector { get; } = new("--corrector")
    {
        Description = "Corrector: langevin (default), ald or none.",
        DefaultValueFactory = _ => "langevin",
    };

    /// <summary>Gets <c>--snr R</c>.</summary>
    public Option<double> Snr { get; } = new("--snr")
    {
        Description = "Signal-to-noise ratio of the corrector (default 0.16, the reference's CIFAR-10 setting).",
        DefaultValueFactory = _ => 0.16,
    };

    /// <summary>Gets <c>--seed S</c>.</summary>
    public Option<long?> Seed { get; } = new("--seed")
    {
        Description = "Seed of the sampler's noise (default: Run:Seed of the run).",
    };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Options.Add(Predictor);
        command.Options.Add(Corrector);
        command.Options.Add(Snr);
        command.Options.Add(Seed);
    }

    /// <summary>Gets the configuration overrides that select the predictor, corrector and snr.</summary>
    /// <param name="parse">The parse result.</param>
    /// <returns>Key=Value overrides of the <c>Sampling:Sampler</c> section.</returns>
    public IReadOnlyList<string> Overrides(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return
        [
            $"Sampling:Sampler:Predictor={parse.GetValue(Predictor)}",
            $"Sampling:Sampler:Corrector={parse.GetValue(Corrector)}",
            string.Create(CultureInfo.InvariantCulture, $"Sampling:Sampler:Snr={parse.GetValue(Snr)}"),
        ];
    }

    /// <summary>Describes the sampler for the summary line.</summary>
    /// <param name="parse">The parse result.</param>
    /// <returns>For example "pc: reverse_diffusion + langevin".</returns>
    public string Describe(ParseResult parse) => $"pc: {parse.GetValue(Predictor)} + {parse.GetValue(Corrector)}";
}
