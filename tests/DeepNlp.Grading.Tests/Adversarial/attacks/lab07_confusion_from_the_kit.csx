// ConfusionMatrix as a thin wrapper of the kit's ClassificationReport, which q4 forbids: only q4 is lost.
// base: solution
// expect: 12
// feedback: DeepNlp.Classification.ClassificationReport
// labs: lab07_sequence_tagging
int[][] ConfusionMatrix(IEnumerable<(int Gold, int Predicted)> pairs, int numTags)
{
    var labels = Enumerable.Range(0, numTags).Select(k => k.ToString()).ToList();
    var report = DeepNlp.Classification.ClassificationReport.From("tagger", labels, pairs.Select(p => (p.Gold, p.Predicted)));
    return report.Confusion.Select(r => r.ToArray()).ToArray();
}
