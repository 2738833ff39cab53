namespace Adrn.Learning.Review;

/// <summary>How pairs are chosen for clerical review.</summary>
public enum ClericalSampleStrategy
{
    /// <summary>The scored pairs whose probability is nearest the decision threshold (active learning: the labels that teach the model most).</summary>
    Uncertain,

    /// <summary>A seeded random sample of the links within probability bands, so the links' precision can be estimated with a confidence interval.</summary>
    Stratified,
}
