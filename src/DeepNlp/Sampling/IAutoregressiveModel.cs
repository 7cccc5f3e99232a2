namespace DeepNlp.Sampling;

/// <summary>A model that scores the next token given its state: what the samplers and beam search drive.</summary>
/// <remarks>States are immutable snapshots: <see cref="Step"/> returns a new one, so beam search can branch.</remarks>
public interface IAutoregressiveModel
{
    /// <summary>|V|.</summary>
    int VocabularySize { get; }

    /// <summary>The state before any token.</summary>
    object InitialState();

    /// <summary>Feeds one token and returns the next-token logits [|V|] and the new state.</summary>
    /// <param name="state">A state from <see cref="InitialState"/> or a previous Step.</param>
    /// <param name="token">The token fed at this step.</param>
    /// <param name="next">The state after the token.</param>
    double[] Step(object state, int token, out object next);
}
