namespace Adrn.Stats.Akm;

/// <summary>
/// The leave-one-out connected set of Kline, Saggio and Sølvsten (2020, Appendix B): the largest
/// set of firms that stays connected when any one worker's whole history is removed. Starting from a
/// connected set, movers that are articulation points of the worker–firm graph (removing them splits
/// it) are dropped, the largest connected set is taken again, and this repeats until no such worker is
/// left; then workers with a single person-year observation are dropped. On this set every leverage is
/// below one, so every leave-out residual exists.
/// </summary>
internal static class LeaveOutConnectedSet
{
    /// <summary>Restricts <paramref name="rows"/> (a connected set) to the leave-one-out connected set.</summary>
    /// <param name="rows">Row indices of a connected set.</param>
    /// <param name="workers">Worker level of every row of the full table.</param>
    /// <param name="firms">Firm level of every row of the full table.</param>
    /// <param name="workerLevels">Number of worker levels.</param>
    /// <param name="firmLevels">Number of firm levels.</param>
    /// <param name="largestConnectedSet">Keeps the largest connected set of a row set (the AKM sample rule).</param>
    /// <returns>The rows kept, the articulation workers dropped and the single-observation workers dropped.</returns>
    public static (int[] Rows, int ArticulationWorkers, int SingleObservationWorkers) Restrict(
        int[] rows, int[] workers, int[] firms, int workerLevels, int firmLevels, Func<int[], int[]> largestConnectedSet)
    {
        var droppedArticulation = 0;
        while (true)
        {
            var bad = ArticulationMovers(rows, workers, firms, workerLevels, firmLevels);
            if (bad.Count == 0) break;
            droppedArticulation += bad.Count;
            rows = largestConnectedSet(rows.Where(i => !bad.Contains(workers[i])).ToArray());
        }

        var count = new int[workerLevels];
        foreach (var i in rows) count[workers[i]]++;
        var singles = 0;
        for (var w = 0; w < workerLevels; w++) if (count[w] == 1) singles++;
        return (rows.Where(i => count[workers[i]] > 1).ToArray(), droppedArticulation, singles);
    }

    /// <summary>Movers whose removal would disconnect the worker–firm graph of <paramref name="rows"/>.</summary>
    internal static HashSet<int> ArticulationMovers(int[] rows, int[] workers, int[] firms, int workerLevels, int firmLevels)
    {
        // Distinct (worker, firm) edges of movers; vertices: movers 0..m-1, then firms m..m+J-1.
        var firstFirm = new int[workerLevels];
        Array.Fill(firstFirm, -1);
        var isMover = new bool[workerLevels];
        foreach (var i in rows)
        {
            var w = workers[i];
            if (firstFirm[w] < 0) firstFirm[w] = firms[i];
            else if (firstFirm[w] != firms[i]) isMover[w] = true;
        }

        var moverIndex = new int[workerLevels];
        var moverOf = new List<int>();
        for (var w = 0; w < workerLevels; w++)
        {
            moverIndex[w] = isMover[w] ? moverOf.Count : -1;
            if (isMover[w]) moverOf.Add(w);
        }

        var m = moverOf.Count;
        if (m == 0) return [];
        var edges = new HashSet<long>();
        foreach (var i in rows)
        {
            var v = moverIndex[workers[i]];
            if (v >= 0) edges.Add(((long)v * firmLevels) + firms[i]);
        }

        var vertices = m + firmLevels;
        var degree = new int[vertices + 1];
        foreach (var e in edges)
        {
            degree[(int)(e / firmLevels) + 1]++;
            degree[m + (int)(e % firmLevels) + 1]++;
        }

        for (var v = 0; v < vertices; v++) degree[v + 1] += degree[v];
        var next = (int[])degree.Clone();
        var adjacency = new int[degree[vertices]];
        foreach (var e in edges)
        {
            var a = (int)(e / firmLevels);
            var b = m + (int)(e % firmLevels);
            adjacency[next[a]++] = b;
            adjacency[next[b]++] = a;
        }

        var articulation = FindArticulationPoints(vertices, degree, adjacency);
        var result = new HashSet<int>();
        for (var v = 0; v < m; v++) if (articulation[v]) result.Add(moverOf[v]);
        return result;
    }

    // Tarjan's articulation points with an explicit stack (a recursive DFS would overflow on a
    // million-vertex graph). low[v] = smallest discovery time reachable from v's subtree by one back edge.
    private static bool[] FindArticulationPoints(int vertices, int[] start, int[] adjacency)
    {
        var discovered = new int[vertices];
        var low = new int[vertices];
        var parent = new int[vertices];
        var nextEdge = new int[vertices];
        var children = new int[vertices];
        var articulation = new bool[vertices];
        Array.Fill(discovered, -1);
        var time = 0;
        var stack = new Stack<int>();
        for (var root = 0; root < vertices; root++)
        {
            if (discovered[root] >= 0 || start[root] == start[root + 1]) continue;
            parent[root] = -1;
            discovered[root] = low[root] = time++;
            nextEdge[root] = start[root];
            stack.Push(root);
            while (stack.Count > 0)
            {
                var v = stack.Peek();
                if (nextEdge[v] < start[v + 1])
                {
                    var u = adjacency[nextEdge[v]++];
                    if (discovered[u] < 0)
                    {
                        parent[u] = v;
                        children[v]++;
                        discovered[u] = low[u] = time++;
                        nextEdge[u] = start[u];
                        stack.Push(u);
                    }
                    else if (u != parent[v])
                    {
                        low[v] = Math.Min(low[v], discovered[u]);
                    }

                    continue;
                }

                stack.Pop();
                var p = parent[v];
                if (p < 0) continue;
                low[p] = Math.Min(low[p], low[v]);
                if (parent[p] >= 0 && low[v] >= discovered[p]) articulation[p] = true;
            }

            if (children[root] > 1) articulation[root] = true;
        }

        return articulation;
    }
}
