namespace DeepNlp.Data;

/// <summary>A part of a data set with a fixed split.</summary>
/// <remarks>
/// <see cref="Valid"/> is the held-out part used for model selection; UD and the polarity set call it "dev"
/// (their <c>*-dev.*</c> files load under this value).
/// </remarks>
public enum Split
{
    /// <summary>Training data.</summary>
    Train,

    /// <summary>Validation (development, "dev") data for model selection and early stopping.</summary>
    Valid,

    /// <summary>Test data, looked at once, at the end.</summary>
    Test,
}
