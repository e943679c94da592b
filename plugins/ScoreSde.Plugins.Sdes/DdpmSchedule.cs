using static TorchSharp.torch;

namespace ScoreSde.Plugins.Sdes;

/// <summary>
/// The DDPM tables of a linear beta schedule: beta_i = linspace(beta_min / N, beta_max / N, N), alpha_i = 1 - beta_i,
/// their cumulative product and its square roots (reference: <c>VPSDE.__init__</c>).
/// </summary>
internal sealed class DdpmSchedule
{
    private readonly DtypeTables _betas;
    private readonly DtypeTables _alphas;
    private readonly DtypeTables _sqrtAlphasCumprod;
    private readonly DtypeTables _sqrtOneMinusAlphasCumprod;

    public DdpmSchedule(double betaMin, double betaMax, int n)
    {
        _betas = new DtypeTables(dtype => linspace(betaMin / n, betaMax / n, n, dtype: dtype));
        _alphas = new DtypeTables(dtype => 1.0 - _betas.Get(dtype));
        _sqrtAlphasCumprod = new DtypeTables(dtype => _alphas.Get(dtype).cumprod(0).sqrt());
        _sqrtOneMinusAlphasCumprod = new DtypeTables(dtype => (1.0 - _alphas.Get(dtype).cumprod(0)).sqrt());
    }

    public Tensor Betas(ScalarType dtype) => _betas.Get(dtype);

    public Tensor Alphas(ScalarType dtype) => _alphas.Get(dtype);

    public Tensor SqrtAlphasCumprod(ScalarType dtype) => _sqrtAlphasCumprod.Get(dtype);

    public Tensor SqrtOneMinusAlphasCumprod(ScalarType dtype) => _sqrtOneMinusAlphasCumprod.Get(dtype);
}
