using Adrn.Linkage.Model;

namespace Adrn.Linkage.Training;

/// <summary>
/// What training estimates before EM, from the prepared records alone: u per comparison level (random sampling or
/// hand-set) and lambda (deterministic rules or hand-set), the training log's entries for them, and the progress reports
/// made while estimating them (given to the driver's progress sink when training finishes).
/// </summary>
/// <param name="U">u per comparison, by gamma.</param>
/// <param name="Lambda">The probability that two random records match.</param>
/// <param name="Log">The log entries of the u and lambda steps.</param>
/// <param name="Reports">The progress reports, in order.</param>
internal sealed record TrainingPrior(double[][] U, double Lambda, IReadOnlyList<TrainingRoundLog> Log, IReadOnlyList<LinkageProgress> Reports);
