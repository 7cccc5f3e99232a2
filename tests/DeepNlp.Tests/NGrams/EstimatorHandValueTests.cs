using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

/// <summary>Every estimator on the tiny corpora of <see cref="TinyCorpus"/>, against values worked out by hand.</summary>
public class EstimatorHandValueTests
{
    private const double Tol = 1e-9;
    private const double FloatTol = 1e-6;   // backoff-form models store float log10 values

    private static (DeepNlp.Text.Vocabulary V, NGramCounts C) Abab(int order = 2)
    {
        var (v, s) = TinyCorpus.Abab();
        return (v, NGramCounts.Build(s, v, order));
    }

    [Fact]
    public void MaximumLikelihood_TinyCorpus_IsRelativeFrequency()
    {
        var (v, c) = Abab();
        var m = new MaximumLikelihoodModel(c);

        Assert.Equal(0.5, m.Probability(TinyCorpus.Ids(v, "a"), v["b"]), Tol);          // c(a b)/c(a•) = 2/4
        Assert.Equal(0.75, m.Probability(TinyCorpus.Ids(v, "<s>"), v["a"]), Tol);       // 3/4
        Assert.Equal(1.0 / 3, m.Probability(TinyCorpus.Ids(v, "b"), v["a"]), Tol);      // 1/3
        Assert.Equal(0.0, m.Probability(TinyCorpus.Ids(v, "a"), v["a"]), Tol);          // unseen
        Assert.Equal(4.0 / 11, m.Probability([], v["a"]), Tol);                          // c(a)/c(•)
    }

    [Fact]
    public void AddOne_TinyCorpus_MatchesLaplaceByHand()
    {
        var (v, c) = Abab();
        var m = new AddKModel(c, 1);

        Assert.Equal(3.0 / 8, m.Probability(TinyCorpus.Ids(v, "a"), v["b"]), Tol);     // (2+1)/(4+4)
        Assert.Equal(1.0 / 8, m.Probability(TinyCorpus.Ids(v, "a"), v["<unk>"]), Tol);  // (0+1)/(4+4)
        Assert.Equal(4.0 / 8, m.Probability(TinyCorpus.Ids(v, "<s>"), v["a"]), Tol);    // (3+1)/(4+4)
        Assert.Equal(0.0, m.Probability(TinyCorpus.Ids(v, "a"), v["<s>"]), Tol);        // <s> is never predicted
    }

    [Fact]
    public void StupidBackoff_TinyCorpus_MultipliesByAlphaPerBackoff()
    {
        var (v, c) = Abab();
        var m = new StupidBackoffModel(c, 0.4);

        Assert.Equal(0.5, m.Probability(TinyCorpus.Ids(v, "a"), v["b"]), Tol);          // seen: 2/4
        Assert.Equal(0.4 * 4 / 11, m.Probability(TinyCorpus.Ids(v, "a"), v["a"]), Tol); // 0.4 · c(a)/c(•)
    }

    [Fact]
    public void JelinekMercer_TinyCorpus_NestsTheInterpolation()
    {
        var (v, c) = Abab();
        var m = new JelinekMercerModel(c, [0.6, 0.7]);

        // P1(b) = 0.6·3/11 + 0.4·1/4 = 0.263636…; P2(b|a) = 0.7·2/4 + 0.3·P1(b) = 0.4290909…
        Assert.Equal(0.7 * 0.5 + 0.3 * (0.6 * 3 / 11 + 0.4 * 0.25), m.Probability(TinyCorpus.Ids(v, "a"), v["b"]), Tol);
        // <unk> never seen: 0.3·(0.4·1/4) = 0.03
        Assert.Equal(0.03, m.Probability(TinyCorpus.Ids(v, "a"), v["<unk>"]), Tol);
    }

    [Fact]
    public void Katz_TinyCorpus_MatchesGoodTuringByHand()
    {
        var (v, s) = TinyCorpus.Katz();
        var m = new KatzBackoffModel(NGramCounts.Build(s, v, 2), threshold: 2);
        // Bigram counts-of-counts: n1 = 7, n2 = 2, n3 = 1 (only "<s> b" has 3). A = 3·n3/n1 = 3/7.
        // r*(1) = 2·n2/n1 = 4/7 → d1 = (4/7 − 3/7)/(1 − 3/7) = 1/4; r*(2) = 3·n3/n2 = 3/2 → d2 = (3/4 − 3/7)/(4/7) = 9/16.
        // Unigrams a 3, b 4, c 3, </s> 4 (14 tokens): n1 = 0, so no unigram discount; P(w) = c(w)/14.

        Assert.Equal(0.25, m.Discount(2, 1), Tol);
        Assert.Equal(0.5625, m.Discount(2, 2), Tol);
        // context a: continuations c, </s>, b once each; P(c|a) = d1·1/3.
        Assert.Equal(0.25 / 3, m.Probability(TinyCorpus.Ids(v, "a"), v["c"]), Tol);
        // α(a) = (1 − 3·(1/4)/3) / (1 − (3+4+4)/14) = 0.75/(3/14) = 3.5; P(a|a) = 3.5 · 3/14 = 0.75.
        Assert.Equal(0.75, m.Probability(TinyCorpus.Ids(v, "a"), v["a"]), Tol);
        // context <s>: b 3 (above k, undiscounted), a 1: P(b|<s>) = 3/4, P(a|<s>) = (1/4)·(1/4).
        Assert.Equal(0.75, m.Probability(TinyCorpus.Ids(v, "<s>"), v["b"]), Tol);
        Assert.Equal(0.0625, m.Probability(TinyCorpus.Ids(v, "<s>"), v["a"]), Tol);
        // α(<s>) = (1 − 13/16)/(1 − 7/14) = 0.375; P(c|<s>) = 0.375 · 3/14.
        Assert.Equal(0.375 * 3 / 14, m.Probability(TinyCorpus.Ids(v, "<s>"), v["c"]), Tol);
    }

    [Fact]
    public void Katz_ContextThatFreesNoMass_ReservesOneUnseenEvent()
    {
        var (v, s) = TinyCorpus.Katz();
        // Threshold 1 makes d1 = (r*(1) − A)/(1 − A) = 0 with A = 2 n2/n1 = r*(1): invalid, so bigram discounting is
        // off and every context frees no mass. Context a (c, </s>, b once each): P(c|a) = 1/(3 + 1).
        var m = new KatzBackoffModel(NGramCounts.Build(s, v, 2), threshold: 1);

        Assert.Equal(0.25, m.Probability(TinyCorpus.Ids(v, "a"), v["c"]), Tol);
        // α(a) = (1 − 3/4) / (1 − (3+4+4)/14) = 7/6; P(a|a) = 7/6 · 3/14 = 1/4, and the context sums to 1.
        Assert.Equal(0.25, m.Probability(TinyCorpus.Ids(v, "a"), v["a"]), Tol);
        Assert.Equal(1.0, m.Distribution(TinyCorpus.Ids(v, "a")).Sum(), Tol);
    }

    [Fact]
    public void ModifiedKneserNey_TinyCorpus_MatchesLmplzFormulasByHand()
    {
        var (v, c) = Abab();
        // Adjusted unigram counts (distinct left neighbours): a {<s>, b} 2, b {a, <s>} 2, </s> {a, b} 2, <unk> 0, <s> 0.
        // n1 = 0, so unigram discounts fall back to lmplz's 0.5, 1, 1.5.
        // Bigrams keep raw counts 3,1,2,2,2,1: n1 = 2, n2 = 3, n3 = 1, n4 = 0; Y = 2/(2+6) = 1/4;
        // D1 = 1 − 2·Y·3/2 = 1/4, D2 = 2 − 3·Y·1/3 = 7/4, D3+ = 3 − 4·Y·0/1 = 3.
        var m = ModifiedKneserNeyModel.Estimate(c, [0.5, 1, 1.5]);

        Assert.True(m.Discounts[0].FellBack);
        Assert.Equal(0.25, m.Discounts[1].D1, Tol);
        Assert.Equal(1.75, m.Discounts[1].D2, Tol);
        Assert.Equal(3.0, m.Discounts[1].D3Plus, Tol);
        // Unigrams: s = 6, γ(ε) = D2·3/6 = 1/2; p(a) = (2 − 1)/6 + (1/2)/4 = 7/24; p(<unk>) = (1/2)/4 = 1/8.
        double pa = 7.0 / 24;
        Assert.Equal(pa, m.Probability([], v["a"]), FloatTol);
        Assert.Equal(0.125, m.Probability([], v["<unk>"]), FloatTol);
        // Context <s>: a 3, b 1, s = 4; γ = (D1·1 + D3·1)/4 = 13/16.
        // p(a|<s>) = (3 − 3)/4 + 13/16·7/24; p(b|<s>) = (1 − 1/4)/4 + 13/16·7/24; p(</s>|<s>) = 13/16·7/24 (backoff).
        Assert.Equal(13.0 / 16 * pa, m.Probability(TinyCorpus.Ids(v, "<s>"), v["a"]), FloatTol);
        Assert.Equal(0.1875 + 13.0 / 16 * pa, m.Probability(TinyCorpus.Ids(v, "<s>"), v["b"]), FloatTol);
        Assert.Equal(13.0 / 16 * pa, m.Probability(TinyCorpus.Ids(v, "<s>"), v["</s>"]), FloatTol);
        // Context a: b 2, </s> 2, s = 4, γ = 2·D2/4 = 7/8; p(b|a) = (2 − 7/4)/4 + 7/8·7/24.
        Assert.Equal(0.0625 + 7.0 / 8 * pa, m.Probability(TinyCorpus.Ids(v, "a"), v["b"]), FloatTol);
        // Context b: </s> 2, a 1, s = 3, γ = (D2 + D1)/3 = 2/3; p(a|b) = (1 − 1/4)/3 + 2/3·7/24; p(b|b) = 2/3·7/24.
        Assert.Equal(0.25 + 2.0 / 3 * pa, m.Probability(TinyCorpus.Ids(v, "b"), v["a"]), FloatTol);
        Assert.Equal(2.0 / 3 * pa, m.Probability(TinyCorpus.Ids(v, "b"), v["b"]), FloatTol);
    }

    [Fact]
    public void KneserNey_TinyCorpus_MatchesSingleDiscountByHand()
    {
        var (v, c) = Abab();
        // Bigram D = n1/(n1 + 2 n2) = 2/8 = 1/4; unigrams fall back to D = 0.5 (n1 = 0).
        var m = KneserNeyModel.Estimate(c, 0.5);

        Assert.Equal(0.25, m.Discounts[1].D1, Tol);
        // Unigrams: γ(ε) = 0.5·3/6 = 1/4; p(a) = (2 − 0.5)/6 + (1/4)/4 = 5/16.
        Assert.Equal(0.3125, m.Probability([], v["a"]), FloatTol);
        // Context <s>: s = 4, γ = D·2/4 = 1/8; p(a|<s>) = (3 − 1/4)/4 + 1/8·5/16.
        Assert.Equal(0.6875 + 0.125 * 0.3125, m.Probability(TinyCorpus.Ids(v, "<s>"), v["a"]), FloatTol);
        // Context b: s = 3, γ = (1/4)·2/3 = 1/6; p(a|b) = (1 − 1/4)/3 + 1/6·5/16.
        Assert.Equal(0.25 + 0.3125 / 6, m.Probability(TinyCorpus.Ids(v, "b"), v["a"]), FloatTol);
    }

    [Fact]
    public void ModifiedKneserNey_WithoutFallbackOnTinyData_ThrowsLikeLmplz()
    {
        var (_, c) = Abab();

        var e = Assert.Throws<InvalidOperationException>(() => ModifiedKneserNeyModel.Estimate(c));

        Assert.Contains("no 1-grams have adjusted count 1", e.Message);
    }
}
