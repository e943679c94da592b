using System.CommandLine;
using ScoreSde.Controllable;
using ScoreSde.Ode;

namespace ScoreSde.Cli.Controllable;

/// <summary>Options shared by encode, decode and interpolate.</summary>
public static class LatentOptions
{
    /// <summary>Creates <c>--tolerance TOL</c>.</summary>
    /// <returns>The option.</returns>
    public static Option<double> Tolerance()
    {
        var option = new Option<double>("--tolerance")
        {
            Description = "Relative and absolute tolerance of the RK45 solve (default 1e-5, the reference's).",
            DefaultValueFactory = _ => 1e-5,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (>= 1e-8 and <= 0.1))
            {
                r.AddError("--tolerance must be between 1e-8 and 0.1.");
            }
        });
        return option;
    }

    /// <summary>Creates <c>--temperature T</c>.</summary>
    /// <returns>The option.</returns>
    public static Option<double> Temperature()
    {
        var option = new Option<double>("--temperature")
        {
            Description = "Factor applied to latents before decoding; below 1 gives less varied images (default 1).",
            DefaultValueFactory = _ => 1.0,
        };
        option.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() > 0))
            {
                r.AddError("--temperature must be > 0.");
            }
        });
        return option;
    }

    /// <summary>Builds the codec of a session.</summary>
    /// <param name="session">The opened workdir.</param>
    /// <param name="tolerance">RK45 tolerance.</param>
    /// <returns>The codec.</returns>
    public static LatentCodec Codec(ControllableSession session, double tolerance) =>
        new(session.Blueprint.Sde, session.Score(), new OdeSolverOptions(OdeMethod.Rk45, tolerance, tolerance))
        {
            Progress = new ConsoleSamplingProgress("Probability flow ODE"),
        };
}
