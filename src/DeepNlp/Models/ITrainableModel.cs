using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Models;

/// <summary>The one contract every trainable model keeps, so that <see cref="Trainer"/>.Fit can train any of
/// them: a batch goes forward to a summed loss, the mean of that loss goes backward into the parameters' gradients.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <typeparam name="TBatch">What one mini-batch is for this model: an <see cref="Data.LmBatch"/> for a language model
/// over a token stream, a <see cref="WindowBatch"/> for window models, a <see cref="SequenceBatch"/> for taggers and
/// encoder–decoders, a <see cref="LabeledSequences"/> for sequence classifiers.</typeparam>
/// <remarks>
/// <para>One training step, as <see cref="Trainer"/>.Fit runs it:</para>
/// <code>
/// model.ReseedDropout(seed(step));              // dropout masks are a function of the step: resumed runs repeat them
/// var loss = model.Loss(batch, training: true);  // L = Σ_i ℓ_i over loss.Count scored positions
/// optimizer.ZeroGrad();
/// model.Backward(loss.Count);                   // ∂(L / count) accumulated into every Parameter.Grad
/// clip; optimizer.Step();
/// </code>
/// <para>To implement it for a new model (a Transformer language model, say): return the summed cross-entropy and
/// the number of scored positions from <see cref="Loss"/>, keep what <see cref="Backward"/> needs in fields, and list the
/// parameters in a fixed order. The three members with default bodies matter only for models that use dropout
/// (<see cref="ReseedDropout"/>) or carry a hidden state from one batch to the next (<see cref="CarriedState"/> and
/// <see cref="RestoreCarriedState"/>, which make checkpoints resume exactly); a model without either leaves them out.
/// A model that carries state keeps one state for training batches and another for evaluation batches, so evaluating
/// mid-run does not disturb training, and starts a fresh state at the first batch of an epoch.</para>
/// <para>Taught in notebooks/04_neural_language_models.ipynb; every model of lectures 04–08 implements it, and so do
/// lecture 10's <see cref="TransformerLanguageModel{T}"/> and <see cref="AttentionEncoderDecoder{T}"/>.</para>
/// </remarks>
public interface ITrainableModel<T, in TBatch> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Runs the model over one batch and returns the summed cross-entropy and the number of scored positions;
    /// keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="batch">One mini-batch.</param>
    /// <param name="training">Training mode (dropout on, training state carried) or evaluation mode.</param>
    /// <returns>Σ −log p(gold) and the count it sums over; its <see cref="CrossEntropyResult.Mean"/> is the loss per position.</returns>
    CrossEntropyResult Loss(TBatch batch, bool training);

    /// <summary>Backpropagates the mean loss (sum / <paramref name="count"/>) of the last <see cref="Loss"/> call and adds
    /// the result to every parameter's gradient.</summary>
    /// <param name="count">The divisor, normally the Count that Loss returned.</param>
    /// <exception cref="InvalidOperationException">Loss has not run.</exception>
    void Backward(int count);

    /// <summary>Sets the seed of the dropout masks for the next training batch (a no-op for models without dropout).</summary>
    /// <param name="seed">The seed; the trainer derives it from the run's seed and the step.</param>
    void ReseedDropout(int seed) { }

    /// <summary>The training state carried into the next batch (for example the final hidden state h, c of a recurrent
    /// language model), as named buffers that checkpoints save; empty for models that carry nothing.</summary>
    IReadOnlyList<NamedBuffer<T>> CarriedState => [];

    /// <summary>Restores the carried training state saved in a checkpoint (a no-op for models that carry nothing).</summary>
    /// <param name="checkpoint">A checkpoint written by <see cref="Trainer"/>.Fit.</param>
    /// <exception cref="InvalidDataException">A saved buffer has the wrong length.</exception>
    void RestoreCarriedState(Checkpoint checkpoint) { }
}
