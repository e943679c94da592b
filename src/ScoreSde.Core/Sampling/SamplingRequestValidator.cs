using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>Checks a <see cref="SamplingRequest"/> before a sampler spends time on it.</summary>
public static class SamplingRequestValidator
{
    /// <summary>Validates the request and returns the end time eps of the reverse-time integration.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see cref="SamplingRequest.Eps"/>, or the SDE's <see cref="Sdes.ISde.SamplingEps"/> when unset.</returns>
    /// <exception cref="ArgumentException">The shape, dtype, eps or initial state is invalid.</exception>
    public static double Validate(SamplingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Sde);
        ArgumentNullException.ThrowIfNull(request.Score);
        ArgumentNullException.ThrowIfNull(request.Noise);
        var shape = request.Shape ?? throw new ArgumentException("SamplingRequest.Shape is missing.", nameof(request));
        if (shape.Length < 2 || shape.Any(d => d < 1))
        {
            throw new ArgumentException(
                $"SamplingRequest.Shape [{string.Join(", ", shape)}] is invalid: it must be [batch, ...data dims] " +
                "with every dimension at least 1, e.g. [16, 1, 28, 28] or [256, 2].",
                nameof(request));
        }

        if (request.DType is not (ScalarType.Float32 or ScalarType.Float64))
        {
            throw new ArgumentException(
                $"SamplingRequest.DType is {request.DType}; use Float32 or Float64.", nameof(request));
        }

        var sde = request.Sde;
        var eps = request.Eps ?? sde.SamplingEps;
        if (!(eps > 0 && eps < sde.T))
        {
            throw new ArgumentException(
                $"SamplingRequest.Eps is {eps}; it must lie in (0, T) = (0, {sde.T}), typically 1e-3 for VP and " +
                "sub-VP and 1e-5 for VE.",
                nameof(request));
        }

        if (request.InitialState is { } initial && !initial.shape.SequenceEqual(shape))
        {
            throw new ArgumentException(
                $"SamplingRequest.InitialState has shape [{string.Join(", ", initial.shape)}] but Shape is " +
                $"[{string.Join(", ", shape)}]; they must be equal.",
                nameof(request));
        }

        return eps;
    }
}
