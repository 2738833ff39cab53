namespace Adrn.Stats.Akm;

/// <summary>
/// The worker–firm design y = Dα + Fψ + e of the leave-out decomposition, in the form the leverages are
/// computed on: one row per person-year (leave an observation out) or one row per worker–firm match with
/// the match mean as outcome and the match length as weight (leave a match out; KSS's default). Person-year
/// totals per worker and firm (W_w, W_f) define the variances, which are always over person-years.
/// </summary>
internal sealed class TwoWayDesign
{
    private TwoWayDesign() { }

    public required LeaveOutLevel Level { get; init; }

    /// <summary>Person-year observations n.</summary>
    public required int Observations { get; init; }

    public required int Workers { get; init; }

    public required int Firms { get; init; }

    public required int[] ObservationWorker { get; init; }

    public required int[] ObservationFirm { get; init; }

    /// <summary>The outcome per person-year (controls already partialled out).</summary>
    public required double[] ObservationY { get; init; }

    public required int[] RowWorker { get; init; }

    public required int[] RowFirm { get; init; }

    /// <summary>Row weight w_r: 1 per observation, or the match length.</summary>
    public required double[] RowWeight { get; init; }

    /// <summary>Row outcome: the observation, or the match mean.</summary>
    public required double[] RowY { get; init; }

    /// <summary>For match rows, the observations of each match: <c>RowObservations[RowObservationStart[r]..RowObservationStart[r+1]]</c>.</summary>
    public required int[] RowObservationStart { get; init; }

    public required int[] RowObservations { get; init; }

    /// <summary>Match rows of workers with a single match (stayers): their leverage is one, so KSS estimate their error variance within the match.</summary>
    public required bool[] RowIsStayerMatch { get; init; }

    /// <summary>Person-years per worker, W_w.</summary>
    public required double[] WorkerWeight { get; init; }

    /// <summary>Person-years per firm, W_f.</summary>
    public required double[] FirmWeight { get; init; }

    /// <summary>Each worker's firms (CSR): <c>WorkerMatchFirm[WorkerMatchStart[w]..WorkerMatchStart[w+1]]</c>, with person-years W_wf.</summary>
    public required int[] WorkerMatchStart { get; init; }

    public required int[] WorkerMatchFirm { get; init; }

    public required double[] WorkerMatchWeight { get; init; }

    public int Rows => RowWorker.Length;

    public int Matches => WorkerMatchFirm.Length;

    /// <summary>Builds the design from person-year observations with dense worker and firm codes.</summary>
    public static TwoWayDesign Build(int[] worker, int[] firm, double[] y, int workers, int firms, LeaveOutLevel level)
    {
        var n = worker.Length;
        var matchIndex = new Dictionary<long, int>();
        var matchOf = new int[n];
        var matchWorker = new List<int>();
        var matchFirm = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var key = ((long)worker[i] * firms) + firm[i];
            if (!matchIndex.TryGetValue(key, out var m))
            {
                m = matchIndex.Count;
                matchIndex.Add(key, m);
                matchWorker.Add(worker[i]);
                matchFirm.Add(firm[i]);
            }

            matchOf[i] = m;
        }

        var matches = matchIndex.Count;
        var matchLength = new double[matches];
        var matchSum = new double[matches];
        for (var i = 0; i < n; i++)
        {
            matchLength[matchOf[i]]++;
            matchSum[matchOf[i]] += y[i];
        }

        var workerWeight = new double[workers];
        var firmWeight = new double[firms];
        for (var i = 0; i < n; i++)
        {
            workerWeight[worker[i]]++;
            firmWeight[firm[i]]++;
        }

        // Worker -> matches (CSR), in match order.
        var start = new int[workers + 1];
        for (var m = 0; m < matches; m++) start[matchWorker[m] + 1]++;
        for (var w = 0; w < workers; w++) start[w + 1] += start[w];
        var fill = (int[])start.Clone();
        var workerMatchFirm = new int[matches];
        var workerMatchWeight = new double[matches];
        for (var m = 0; m < matches; m++)
        {
            var j = fill[matchWorker[m]]++;
            workerMatchFirm[j] = matchFirm[m];
            workerMatchWeight[j] = matchLength[m];
        }

        if (level == LeaveOutLevel.Observation)
        {
            var ones = new double[n];
            Array.Fill(ones, 1.0);
            var rowStart = new int[n + 1];
            var rowObs = new int[n];
            for (var i = 0; i < n; i++) { rowStart[i + 1] = i + 1; rowObs[i] = i; }
            return new TwoWayDesign
            {
                Level = level, Observations = n, Workers = workers, Firms = firms,
                ObservationWorker = worker, ObservationFirm = firm, ObservationY = y,
                RowWorker = worker, RowFirm = firm, RowWeight = ones, RowY = y,
                RowObservationStart = rowStart, RowObservations = rowObs, RowIsStayerMatch = new bool[n],
                WorkerWeight = workerWeight, FirmWeight = firmWeight,
                WorkerMatchStart = start, WorkerMatchFirm = workerMatchFirm, WorkerMatchWeight = workerMatchWeight,
            };
        }

        var obsStart = new int[matches + 1];
        for (var i = 0; i < n; i++) obsStart[matchOf[i] + 1]++;
        for (var m = 0; m < matches; m++) obsStart[m + 1] += obsStart[m];
        var obsFill = (int[])obsStart.Clone();
        var obs = new int[n];
        for (var i = 0; i < n; i++) obs[obsFill[matchOf[i]]++] = i;
        var stayer = new bool[matches];
        var meanY = new double[matches];
        for (var m = 0; m < matches; m++)
        {
            meanY[m] = matchSum[m] / matchLength[m];
            stayer[m] = start[matchWorker[m] + 1] - start[matchWorker[m]] == 1;
        }

        return new TwoWayDesign
        {
            Level = level, Observations = n, Workers = workers, Firms = firms,
            ObservationWorker = worker, ObservationFirm = firm, ObservationY = y,
            RowWorker = [.. matchWorker], RowFirm = [.. matchFirm], RowWeight = matchLength, RowY = meanY,
            RowObservationStart = obsStart, RowObservations = obs, RowIsStayerMatch = stayer,
            WorkerWeight = workerWeight, FirmWeight = firmWeight,
            WorkerMatchStart = start, WorkerMatchFirm = workerMatchFirm, WorkerMatchWeight = workerMatchWeight,
        };
    }
}
