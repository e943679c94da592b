namespace ScoreSde.Data;

/// <summary>Which part of a data set.</summary>
public enum DataSplit
{
    /// <summary>Training examples.</summary>
    Train,

    /// <summary>Held-out test examples.</summary>
    Test,
}
