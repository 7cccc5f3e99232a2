namespace DeepNlp.Training;

/// <summary>A learning rate as a function of the step (0-based), so a resumed run gets the same rates.</summary>
/// <param name="BaseRate">The rate at step 0 (after warm-up).</param>
public abstract record LearningRateSchedule(double BaseRate)
{
    /// <summary>The rate for <paramref name="step"/>.</summary>
    public abstract double At(int step);

    /// <summary>Always <paramref name="rate"/>.</summary>
    public static LearningRateSchedule Constant(double rate) => new ConstantSchedule(rate);

    /// <summary>rate · gamma^⌊step / every⌋ (torch StepLR).</summary>
    public static LearningRateSchedule StepDecay(double rate, int every, double gamma) => new StepSchedule(rate, every, gamma);

    /// <summary>rate · gamma^step (torch ExponentialLR).</summary>
    public static LearningRateSchedule Exponential(double rate, double gamma) => new ExponentialSchedule(rate, gamma);

    /// <summary>Cosine annealing from rate to minRate over totalSteps, with an optional linear warm-up.</summary>
    public static LearningRateSchedule Cosine(double rate, int totalSteps, double minRate = 0, int warmupSteps = 0) =>
        new CosineSchedule(rate, totalSteps, minRate, warmupSteps);

    private sealed record ConstantSchedule(double Rate) : LearningRateSchedule(Rate)
    {
        public override double At(int step) => BaseRate;
    }

    private sealed record StepSchedule(double Rate, int Every, double Gamma) : LearningRateSchedule(Rate)
    {
        public override double At(int step) => BaseRate * Math.Pow(Gamma, step / Math.Max(1, Every));
    }

    private sealed record ExponentialSchedule(double Rate, double Gamma) : LearningRateSchedule(Rate)
    {
        public override double At(int step) => BaseRate * Math.Pow(Gamma, step);
    }

    private sealed record CosineSchedule(double Rate, int Total, double Min, int Warmup) : LearningRateSchedule(Rate)
    {
        public override double At(int step)
        {
            if (step < Warmup) return BaseRate * (step + 1) / Warmup;
            double progress = Math.Clamp((double)(step - Warmup) / Math.Max(1, Total - Warmup), 0, 1);
            return Min + (BaseRate - Min) * 0.5 * (1 + Math.Cos(Math.PI * progress));
        }
    }
}
