namespace DeepNlp.Training;

/// <summary>The relative gradient error of one parameter.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="RelativeError">‖analytic - numeric‖ / (‖analytic‖ + ‖numeric‖).</param>
/// <param name="AnalyticNorm">‖analytic‖ over the checked elements (a zero norm means the check says little).</param>
public sealed record ParameterGradientError(string Name, double RelativeError, double AnalyticNorm);
