namespace ScoreSde.Imaging;

/// <summary>Colour that transparent pixels are composited over when an image is reduced to 1 or 3 channels.</summary>
public enum AlphaBackground
{
    /// <summary>Black: a pixel becomes colour × alpha.</summary>
    Black,

    /// <summary>White: a pixel becomes colour × alpha + 255 × (1 − alpha).</summary>
    White,
}
