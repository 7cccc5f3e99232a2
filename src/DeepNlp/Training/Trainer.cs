using System.Diagnostics;
using System.Numerics;
using System.Text.Json;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>Training loops: truncated BPTT for language models, with clipping, schedules, validation, early stopping,
/// divergence detection and checkpoints.</summary>
/// <remarks>Taught in notebooks/04_neural_language_models.ipynb and used by every later lecture.</remarks>
public static class Trainer
{
    /// <summary>Trains a float32 recurrent language model with default options (char-rnn's: batch 32, 100 steps, Adam 2e-3, clip 5).</summary>
    /// <param name="model">The model.</param>
    /// <param name="train">Training ids.</param>
    /// <param name="valid">Validation ids.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <param name="progress">Receives reports synchronously (use <see cref="SyncProgress{T}"/> in notebooks).</param>
    /// <exception cref="TrainingDivergedException">The loss or a gradient became NaN or infinite.</exception>
    public static TrainingRun Fit(RecurrentLanguageModel<float> model, IReadOnlyList<int> train, IReadOnlyList<int> valid,
        TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null) =>
        FitLanguageModel(model, train, valid, options ?? new TrainingOptions(), progress);

    /// <summary>Trains a recurrent language model on a token stream with truncated backpropagation through time.</summary>
    /// <param name="model">The model (its weights are updated in place).</param>
    /// <param name="train">Training token ids.</param>
    /// <param name="valid">Validation token ids (may be empty).</param>
    /// <param name="options">Settings.</param>
    /// <param name="progress">Receives a report every <see cref="TrainingOptions.ReportEvery"/> steps, synchronously.</param>
    /// <param name="vocabulary">Tokens by id, stored in checkpoints.</param>
    /// <param name="resumeFrom">A checkpoint written by an earlier run of the same configuration: training continues
    /// from its step with its parameters, optimizer state and carried hidden state, so losses match an uninterrupted run.</param>
    /// <remarks>
    /// <para>The training stream is cut into <c>Batch</c> parallel streams; update s reads window s (modulo an epoch).
    /// With k2 = k1 the windows are disjoint and the final hidden state of one is the (detached) initial state of the
    /// next. With k2 &gt; k1 (Williams &amp; Peng's BPTT(k1, k2)) each update runs the last k2 steps from the state
    /// saved k2 steps back, scores only the newest k1, and backpropagates through all k2. The state resets at each
    /// epoch's start.</para>
    /// </remarks>
    /// <exception cref="TrainingDivergedException">The loss or a gradient became NaN or infinite.</exception>
    /// <exception cref="ArgumentException">k2 &lt; k1.</exception>
    public static TrainingRun FitLanguageModel<T>(RecurrentLanguageModel<T> model, IReadOnlyList<int> train, IReadOnlyList<int> valid,
        TrainingOptions options, IProgress<TrainingProgress>? progress = null, IReadOnlyList<string>? vocabulary = null,
        Checkpoint? resumeFrom = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(options);
        int B = options.Batch, k1 = options.SequenceLength, k2 = options.BackpropLength ?? k1;
        if (k2 < k1) throw new ArgumentException($"BackpropLength k2 = {k2} must be at least SequenceLength k1 = {k1}.", nameof(options));
        var batches = new StreamBatches(train, B, k1);
        var parameters = model.Parameters;
        var optimizer = CreateOptimizer(parameters, options);
        RecurrentState<T>? state = null;
        int start = 0;
        var run = new TrainingRun { StartStep = resumeFrom?.Header.Step ?? 0 };
        if (resumeFrom is not null)
        {
            resumeFrom.RestoreParameters(parameters);
            resumeFrom.RestoreOptimizer(optimizer);
            start = resumeFrom.Header.Step;
            run.BestValidationLoss = resumeFrom.Header.BestValidationLoss;
            if (resumeFrom.Has("state/h"))
            {
                var h = new T[model.Config.Layers * B * model.Config.HiddenSize];
                Checkpoint.Copy(resumeFrom.Buffer("state/h", h.Length), h);
                var c = model.Recurrent.HasCell ? new T[h.Length] : [];
                if (c.Length > 0) Checkpoint.Copy(resumeFrom.Buffer("state/c", c.Length), c);
                state = new RecurrentState<T>(h, c);
            }
        }

        var inputs = new int[B * k2]; var targets = new int[B * k2];
        var clock = Stopwatch.StartNew();
        long tokensSinceReport = 0, tokensTotal = 0;
        double lossSinceReport = 0; int stepsSinceReport = 0;
        var reportClock = Stopwatch.StartNew();
        int evaluationsWithoutGain = 0;
        int step = start;
        for (; step < options.Steps; step++)
        {
            double lr = options.Schedule?.At(step) ?? options.LearningRate;
            optimizer.LearningRate = lr;
            model.Recurrent.Reseed(unchecked(options.Seed * 7919 + step));
            int window = step % batches.WindowsPerEpoch;
            if (window == 0) state = null;                                   // a new epoch starts from zeros

            CrossEntropyResult result;
            RecurrentState<T> carry;
            if (k2 == k1)
            {
                batches.Fill(window, inputs, targets);
                result = model.Forward(inputs, targets, B, k1, state, training: true);
                carry = model.FinalState;                                    // detached: a copy
            }
            else
            {
                int end = (window + 1) * k1, from = Math.Max(0, end - k2), length = end - from;
                batches.FillAt(from, length, inputs.AsSpan(0, B * length), targets.AsSpan(0, B * length));
                result = model.Forward(inputs.AsSpan(0, B * length), targets.AsSpan(0, B * length), B, length, state,
                    training: true, lossFrom: length - k1);
                int nextFrom = Math.Max(0, end + k1 - k2);
                carry = model.StateAfter(nextFrom - from);                   // the state where the next update's k2 window starts
            }
            if (!double.IsFinite(result.Sum))
                throw new TrainingDivergedException(step, null, $"Training diverged at step {step}: the loss is {result.Sum}.");

            optimizer.ZeroGrad();
            model.Backward(result.Count);
            CheckFinite(step, parameters);
            double norm = options.ClipNorm is double maxNorm
                ? GradientClipping.ClipByGlobalNorm(parameters, maxNorm)
                : GradientClipping.GlobalNorm(parameters);
            if (options.ClipValue is double limit) GradientClipping.ClipByValue(parameters, limit);
            bool report = (step + 1) % Math.Max(1, options.ReportEvery) == 0 || step + 1 == options.Steps;
            if (options.TrackGradientNorms && report)
                foreach (var p in parameters)
                {
                    if (!run.GradientNorms.TryGetValue(p.Name, out var list)) run.GradientNorms[p.Name] = list = [];
                    list.Add(Math.Sqrt(Ops.SumOfSquares<T>(p.Grad)));
                }
            optimizer.Step();
            state = carry;

            double mean = result.Mean;
            run.StepLosses.Add(mean);
            lossSinceReport += mean; stepsSinceReport++;
            tokensSinceReport += result.Count; tokensTotal += result.Count;

            bool evaluate = valid.Count > B * k1 + 1 &&
                ((options.EvaluateEvery > 0 && (step + 1) % options.EvaluateEvery == 0) || step + 1 == options.Steps);
            bool outOfTime = options.TimeLimit is TimeSpan limitTime && clock.Elapsed >= limitTime;
            if (outOfTime && !evaluate && valid.Count > B * k1 + 1) evaluate = true;
            double? validLoss = null;
            if (evaluate)
            {
                validLoss = model.Evaluate(valid, B, k1, options.ValidationTokens).Mean;
                run.Validation.Add((step + 1, validLoss.Value));
                if (validLoss < run.BestValidationLoss) { run.BestValidationLoss = validLoss.Value; evaluationsWithoutGain = 0; }
                else evaluationsWithoutGain++;
            }
            if (report || evaluate)
            {
                var p = new TrainingProgress(step + 1, options.Steps, lossSinceReport / stepsSinceReport,
                    tokensSinceReport / Math.Max(1e-9, reportClock.Elapsed.TotalSeconds), validLoss, lr, norm, clock.Elapsed);
                run.Reports.Add(p);
                progress?.Report(p);
                lossSinceReport = 0; stepsSinceReport = 0; tokensSinceReport = 0; reportClock.Restart();
            }
            bool stop = (options.Patience is int patience && evaluationsWithoutGain >= patience) || outOfTime
                || (validLoss is double vl && options.TargetValidationLoss is double target && vl <= target);
            if (options.CheckpointPath is not null && (stop || step + 1 == options.Steps ||
                (options.CheckpointEvery > 0 && (step + 1) % options.CheckpointEvery == 0)))
                SaveCheckpoint(options.CheckpointPath, model, optimizer, state, step + 1, run.BestValidationLoss, options, vocabulary);
            if (stop) { run.StoppedEarly = true; step++; break; }
        }
        run.FinalStep = step;
        run.Elapsed = clock.Elapsed;
        run.TokensPerSecond = tokensTotal / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        return run;
    }

    /// <summary>Saves a language model's training state: parameters, optimizer, carried hidden state, config, vocabulary, step.</summary>
    public static void SaveCheckpoint<T>(string path, RecurrentLanguageModel<T> model, Optimizer<T> optimizer, RecurrentState<T>? state,
        int step, double bestValidationLoss, TrainingOptions options, IReadOnlyList<string>? vocabulary)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var extra = new List<NamedBuffer<T>>();
        if (state is not null)
        {
            extra.Add(new NamedBuffer<T>("state/h", state.H));
            if (state.C.Length > 0) extra.Add(new NamedBuffer<T>("state/c", state.C));
        }
        var header = new CheckpointHeader
        {
            ModelKind = nameof(RecurrentLanguageModel<T>),
            ConfigJson = JsonSerializer.Serialize(model.Config),
            OptionsJson = JsonSerializer.Serialize(options with { Schedule = null }),
            Vocabulary = vocabulary is null ? [] : [.. vocabulary],
            Step = step,
            BestValidationLoss = bestValidationLoss,
        };
        Checkpoint.Save(path, model.Parameters, optimizer, extra, header);
    }

    /// <summary>Rebuilds a language model from a checkpoint's configuration and parameters.</summary>
    /// <exception cref="InvalidDataException">The checkpoint holds another kind of model or mismatching tensors.</exception>
    public static RecurrentLanguageModel<T> LoadLanguageModel<T>(Checkpoint checkpoint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (checkpoint.Header.ModelKind != nameof(RecurrentLanguageModel<T>))
            throw new InvalidDataException($"Checkpoint holds a '{checkpoint.Header.ModelKind}', not a recurrent language model.");
        var config = JsonSerializer.Deserialize<LanguageModelConfig>(checkpoint.Header.ConfigJson)
            ?? throw new InvalidDataException("Checkpoint has no model configuration.");
        var model = new RecurrentLanguageModel<T>(config, seed: 0);
        checkpoint.RestoreParameters(model.Parameters);
        return model;
    }

    /// <summary>Creates the optimizer named by the options.</summary>
    public static Optimizer<T> CreateOptimizer<T>(IReadOnlyList<Parameter<T>> parameters, TrainingOptions options)
        where T : unmanaged, IFloatingPointIeee754<T> => options.Optimizer switch
    {
        OptimizerKind.Adam => new Adam<T>(parameters, options.LearningRate),
        OptimizerKind.Adagrad => new Adagrad<T>(parameters, options.LearningRate),
        OptimizerKind.Sgd => new Sgd<T>(parameters, options.LearningRate, options.Momentum),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };

    /// <summary>Throws <see cref="TrainingDivergedException"/> naming the first parameter whose gradient is not finite.</summary>
    public static void CheckFinite<T>(int step, IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var p in parameters)
        {
            int bad = Ops.IndexOfNonFinite<T>(p.Grad);
            if (bad >= 0)
                throw new TrainingDivergedException(step, p.Name,
                    $"Training diverged at step {step}: the gradient of {p.Name} {p.ShapeText} (layer '{p.Name.Split('.')[0]}') " +
                    $"is {p.Grad[bad]} at element {bad}. Lower the learning rate or clip gradients (ClipNorm).");
        }
    }
}
