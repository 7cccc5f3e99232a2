using System.Diagnostics;
using System.Numerics;
using System.Text.Json;
using DeepNlp.Data;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;

namespace DeepNlp.Training;

/// <summary>The training loop, one for every model: clipping, learning-rate schedules, validation, early stopping,
/// divergence detection, checkpoints and live progress.</summary>
/// <remarks>
/// <para><see cref="Fit{T, TBatch}(ITrainableModel{T, TBatch}, Func{int, TBatch}, IReadOnlyList{TBatch}?, TrainingOptions?, IProgress{TrainingProgress}?, Checkpoint?, CheckpointHeader?)"/>
/// trains any <see cref="ITrainableModel{T, TBatch}"/>; <see cref="Fit{T}(RecurrentLanguageModel{T}, IReadOnlyList{int}, IReadOnlyList{int}, TrainingOptions?, IProgress{TrainingProgress}?, IReadOnlyList{string}?, Checkpoint?)"/>
/// is the same loop for a recurrent language model on a token stream, with truncated BPTT batches.</para>
/// <para>Taught in notebooks/04_neural_language_models.ipynb and used by every later lecture.</para>
/// </remarks>
public static class Trainer
{
    /// <summary>Trains a recurrent language model on a token stream with truncated backpropagation through time.</summary>
    /// <param name="model">The model (its weights are updated in place).</param>
    /// <param name="train">Training token ids.</param>
    /// <param name="valid">Validation token ids (evaluated only when longer than one window, Batch · SequenceLength + 1).</param>
    /// <param name="options">Settings, or null for the defaults (char-rnn's: batch 32, 100 steps, Adam 2e-3, clip 5).</param>
    /// <param name="progress">Receives a report every <see cref="TrainingOptions.ReportEvery"/> steps, synchronously
    /// (use <see cref="SyncProgress{T}"/> in notebooks, <see cref="ConsoleProgressBar"/> in a console).</param>
    /// <param name="vocabulary">Tokens by id, stored in checkpoints.</param>
    /// <param name="resumeFrom">A checkpoint written by an earlier run of the same configuration: training continues
    /// from its step with its parameters, optimizer state and carried hidden state, so losses match an uninterrupted run.</param>
    /// <returns>The run: losses per step, reports, validation points.</returns>
    /// <remarks>
    /// <para>The training stream is cut into <c>Batch</c> parallel rows (<see cref="StreamBatches"/>); update s reads
    /// window s (modulo an epoch). With k2 = k1 the windows are disjoint and the final hidden state of one is the
    /// (detached) initial state of the next. With k2 &gt; k1 (Williams &amp; Peng's BPTT(k1, k2)) each update runs the
    /// last k2 steps from the state saved k2 steps back, scores only the newest k1, and backpropagates through all k2.
    /// The state resets at each epoch's start. Validation runs over at most <see cref="TrainingOptions.ValidationTokens"/>
    /// tokens in windows of the same shape, with its own carried state.</para>
    /// </remarks>
    /// <exception cref="TrainingDivergedException">The loss or a gradient became NaN or infinite.</exception>
    /// <exception cref="ArgumentException">k2 &lt; k1, or the training stream is shorter than one window.</exception>
    public static TrainingRun Fit<T>(RecurrentLanguageModel<T> model, IReadOnlyList<int> train, IReadOnlyList<int> valid,
        TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null, IReadOnlyList<string>? vocabulary = null,
        Checkpoint? resumeFrom = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(train); ArgumentNullException.ThrowIfNull(valid);
        options ??= new TrainingOptions();
        int B = options.Batch, k1 = options.SequenceLength;
        var batches = new StreamBatches(train, B, k1, options.BackpropLength);
        List<LmBatch>? validation = null;
        if (valid.Count > B * k1 + 1)
        {
            var windows = new StreamBatches(valid, B, k1);
            int count = options.ValidationTokens > 0 ? Math.Min(windows.Count, Math.Max(1, options.ValidationTokens / (B * k1))) : windows.Count;
            validation = [.. windows.Take(count)];
        }
        var header = new CheckpointHeader
        {
            ModelKind = nameof(RecurrentLanguageModel<T>),
            ConfigJson = JsonSerializer.Serialize(model.Config),
            Vocabulary = vocabulary is null ? [] : [.. vocabulary],
        };
        return Fit(model, batches.BatchAt, validation, options, progress, resumeFrom, header);
    }

    /// <summary>Trains a model on batches it reads in a fixed order: update s uses <c>batches[s mod Count]</c>.</summary>
    /// <param name="model">The model (its weights are updated in place).</param>
    /// <param name="batches">The training batches of one epoch.</param>
    /// <param name="validation">Validation batches, or null for none.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <param name="progress">Receives reports synchronously.</param>
    /// <param name="resumeFrom">A checkpoint of an earlier run of the same configuration.</param>
    /// <param name="checkpointHeader">Model kind, configuration and vocabulary to store in checkpoints.</param>
    /// <returns>The run.</returns>
    /// <exception cref="ArgumentException">There are no training batches.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a gradient became NaN or infinite.</exception>
    public static TrainingRun Fit<T, TBatch>(ITrainableModel<T, TBatch> model, IReadOnlyList<TBatch> batches,
        IReadOnlyList<TBatch>? validation = null, TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null,
        Checkpoint? resumeFrom = null, CheckpointHeader? checkpointHeader = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0) throw new ArgumentException("There are no training batches.", nameof(batches));
        return Fit(model, step => batches[step % batches.Count], validation, options, progress, resumeFrom, checkpointHeader);
    }

    /// <summary>Trains any model: for each step, reads a batch, runs forward to the loss and backward, clips, steps the
    /// optimizer; evaluates, reports, checkpoints and stops early as the options say.</summary>
    /// <param name="model">The model (its weights are updated in place).</param>
    /// <param name="batchAt">The training batch of a step (0-based). Make it a pure function of the step (draw random
    /// examples from <c>new Random(HashCode.Combine(seed, step))</c>, for example) and a resumed run sees the same data as
    /// an uninterrupted one; a closure over one shared <see cref="Random"/> works as well for runs that are not resumed.</param>
    /// <param name="validation">Validation batches (evaluated in order, in evaluation mode), or null for none.</param>
    /// <param name="options">Settings, or null for the defaults. The language-model shape settings (Batch,
    /// SequenceLength, BackpropLength, ValidationTokens) are not used here: the batches already have their shape.</param>
    /// <param name="progress">Receives a report every <see cref="TrainingOptions.ReportEvery"/> steps and at every
    /// evaluation, synchronously (use <see cref="SyncProgress{T}"/> in notebooks, <see cref="ConsoleProgressBar"/> in a console).</param>
    /// <param name="resumeFrom">A checkpoint written by an earlier run of the same configuration: training continues from
    /// its step with its parameters, optimizer state and the model's carried state.</param>
    /// <param name="checkpointHeader">Model kind, configuration and vocabulary to store in checkpoints (the step, the
    /// options and the tensors are filled in); null stores the model's type name only.</param>
    /// <returns>The run: losses per step, reports, validation points, gradient norms if tracked.</returns>
    /// <remarks>
    /// <para>One step s: lr = schedule(s); dropout reseeded with Seed·7919 + s; L = model.Loss(batchAt(s)); gradients
    /// zeroed; model.Backward(L.Count); every gradient checked finite; the global norm clipped to ClipNorm (and elements to
    /// ±ClipValue); optimizer step. The loop stops after <see cref="TrainingOptions.Steps"/> steps, after
    /// <see cref="TrainingOptions.Patience"/> evaluations without a new best validation loss, on reaching
    /// <see cref="TrainingOptions.TargetValidationLoss"/>, or at <see cref="TrainingOptions.TimeLimit"/>. Checkpoints are
    /// written atomically (<see cref="Checkpoint.Save{T}"/>) every <see cref="TrainingOptions.CheckpointEvery"/> steps and
    /// when the run ends. With the same seeds and batches two runs give identical losses and weights.</para>
    /// </remarks>
    /// <exception cref="TrainingDivergedException">The loss or a gradient became NaN or infinite.</exception>
    /// <exception cref="InvalidDataException">The checkpoint to resume from does not fit the model or the optimizer.</exception>
    public static TrainingRun Fit<T, TBatch>(ITrainableModel<T, TBatch> model, Func<int, TBatch> batchAt,
        IReadOnlyList<TBatch>? validation = null, TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null,
        Checkpoint? resumeFrom = null, CheckpointHeader? checkpointHeader = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(batchAt);
        options ??= new TrainingOptions();
        var parameters = model.Parameters;
        var optimizer = CreateOptimizer(parameters, options);
        var header = (checkpointHeader ?? new CheckpointHeader { ModelKind = model.GetType().Name.Split('`')[0] }) with
        {
            OptionsJson = JsonSerializer.Serialize(options with { Schedule = null }),
        };
        int start = 0;
        var run = new TrainingRun { StartStep = resumeFrom?.Header.Step ?? 0 };
        if (resumeFrom is not null)
        {
            resumeFrom.RestoreParameters(parameters);
            resumeFrom.RestoreOptimizer(optimizer);
            model.RestoreCarriedState(resumeFrom);
            start = resumeFrom.Header.Step;
            run.BestValidationLoss = resumeFrom.Header.BestValidationLoss;
        }
        bool canEvaluate = validation is { Count: > 0 };

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
            model.ReseedDropout(unchecked(options.Seed * 7919 + step));
            var result = model.Loss(batchAt(step), training: true);
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

            double mean = result.Mean;
            run.StepLosses.Add(mean);
            lossSinceReport += mean; stepsSinceReport++;
            tokensSinceReport += result.Count; tokensTotal += result.Count;

            bool evaluate = canEvaluate &&
                ((options.EvaluateEvery > 0 && (step + 1) % options.EvaluateEvery == 0) || step + 1 == options.Steps);
            bool outOfTime = options.TimeLimit is TimeSpan limitTime && clock.Elapsed >= limitTime;
            if (outOfTime && canEvaluate) evaluate = true;
            double? validLoss = null;
            if (evaluate)
            {
                validLoss = Evaluate(model, validation!).Mean;
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
                SaveCheckpoint(options.CheckpointPath, model, optimizer,
                    header with { Step = step + 1, BestValidationLoss = run.BestValidationLoss });
            if (stop) { run.StoppedEarly = true; step++; break; }
        }
        run.FinalStep = step;
        run.Elapsed = clock.Elapsed;
        run.TokensPerSecond = tokensTotal / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        return run;
    }

    /// <summary>The summed loss of a model over batches in evaluation mode (no dropout, no gradients kept).</summary>
    /// <param name="model">The model.</param>
    /// <param name="batches">The batches, in order (a recurrent model carries its evaluation state across them).</param>
    /// <returns>The sum and count over all batches; its Mean is the loss per scored position.</returns>
    public static CrossEntropyResult Evaluate<T, TBatch>(ITrainableModel<T, TBatch> model, IEnumerable<TBatch> batches)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(batches);
        var total = new CrossEntropyResult(0, 0);
        foreach (var b in batches) total += model.Loss(b, training: false);
        return total;
    }

    /// <summary>Saves a model's training state atomically: parameters, optimizer state, the model's carried state, and the header.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="model">The model.</param>
    /// <param name="optimizer">The optimizer whose state to save, or null.</param>
    /// <param name="header">Model kind, configuration, vocabulary, options, step and best validation loss.</param>
    public static void SaveCheckpoint<T, TBatch>(string path, ITrainableModel<T, TBatch> model, Optimizer<T>? optimizer, CheckpointHeader header)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(header);
        Checkpoint.Save(path, model.Parameters, optimizer, model.CarriedState, header);
    }

    /// <summary>Rebuilds a language model from a checkpoint's configuration and parameters.</summary>
    /// <param name="checkpoint">A checkpoint written while training a <see cref="RecurrentLanguageModel{T}"/>.</param>
    /// <returns>The model with the saved weights.</returns>
    /// <exception cref="InvalidDataException">The checkpoint holds another kind of model or mismatching tensors.</exception>
    public static RecurrentLanguageModel<T> LoadLanguageModel<T>(Checkpoint checkpoint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Header.ModelKind != nameof(RecurrentLanguageModel<T>))
            throw new InvalidDataException($"Checkpoint holds a '{checkpoint.Header.ModelKind}', not a recurrent language model.");
        var config = JsonSerializer.Deserialize<LanguageModelConfig>(checkpoint.Header.ConfigJson)
            ?? throw new InvalidDataException("Checkpoint has no model configuration.");
        var model = new RecurrentLanguageModel<T>(config, seed: 0);
        checkpoint.RestoreParameters(model.Parameters);
        return model;
    }

    /// <summary>Creates the optimizer named by the options.</summary>
    /// <param name="parameters">The parameters it updates.</param>
    /// <param name="options">Optimizer kind, learning rate, momentum.</param>
    /// <exception cref="ArgumentOutOfRangeException">The optimizer kind is unknown.</exception>
    public static Optimizer<T> CreateOptimizer<T>(IReadOnlyList<Parameter<T>> parameters, TrainingOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Optimizer switch
        {
            OptimizerKind.Adam => new Adam<T>(parameters, options.LearningRate),
            OptimizerKind.Adagrad => new Adagrad<T>(parameters, options.LearningRate),
            OptimizerKind.Sgd => new Sgd<T>(parameters, options.LearningRate, options.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };
    }

    /// <summary>Throws <see cref="TrainingDivergedException"/> naming the first parameter whose gradient is not finite.</summary>
    /// <param name="step">The step, for the message.</param>
    /// <param name="parameters">The parameters to check.</param>
    /// <exception cref="TrainingDivergedException">A gradient element is NaN or infinite.</exception>
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
