using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Adrn.Stats.Akm;

public sealed partial record AkmResult
{
    /// <summary>The decomposition of the correction asked for (plug-in when none or when it was not computed).</summary>
    public VarianceDecomposition Reported => Correction switch
    {
        AkmCorrection.LeaveOut when LeaveOut is not null => LeaveOut.Corrected,
        AkmCorrection.Homoskedastic when BiasCorrected is not null => BiasCorrected,
        _ => PlugIn,
    };

    /// <summary>
    /// The result as JSON: <c>var_psi</c>, <c>var_alpha</c>, <c>cov_alpha_psi</c>, <c>var_y</c> (the reported correction),
    /// the sample (<c>n_obs</c>, <c>n_workers</c>, <c>n_firms</c>, movers, components), <c>correction</c>, the plug-in and
    /// homoskedastic decompositions, the leave-out details with standard errors, and the output check. No identifiers.
    /// </summary>
    /// <param name="dataPath">The input file, recorded for provenance (null to leave out).</param>
    /// <param name="options">The options used (for the column names and settings recorded).</param>
    public string ToJson(string? dataPath, AkmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        static JsonNode? Number(double x) => Disclosure.OutputCheckJson.Number(x);
        static JsonObject Decomposition(VarianceDecomposition d) => new()
        {
            ["var_y"] = Number(d.VarLogWage), ["var_alpha"] = Number(d.VarWorker), ["var_psi"] = Number(d.VarFirm),
            ["cov_alpha_psi"] = Number(d.CovWorkerFirm), ["var_controls"] = Number(d.VarControls), ["var_residual"] = Number(d.VarResidual),
            ["share_alpha"] = Number(d.WorkerShare), ["share_psi"] = Number(d.FirmShare), ["share_sorting"] = Number(d.SortingShare),
            ["corr_alpha_psi"] = Number(d.Correlation),
        };

        var reported = Reported;
        var json = new JsonObject
        {
            ["data"] = dataPath,
            ["worker"] = options.WorkerColumn,
            ["firm"] = options.FirmColumn,
            ["y"] = options.LogWage,
            ["controls"] = options.Controls,
            ["correction"] = Correction switch { AkmCorrection.LeaveOut => "kss", AkmCorrection.Homoskedastic => "homoskedastic", _ => "none" },
            ["var_psi"] = Number(reported.VarFirm),
            ["var_alpha"] = Number(reported.VarWorker),
            ["cov_alpha_psi"] = Number(reported.CovWorkerFirm),
            ["var_y"] = Number(reported.VarLogWage),
            ["share_psi"] = Number(reported.FirmShare),
            ["share_alpha"] = Number(reported.WorkerShare),
            ["share_sorting"] = Number(reported.SortingShare),
            ["n_obs"] = Observations,
            ["n_workers"] = Workers,
            ["n_firms"] = Firms,
            ["n_movers"] = Movers,
            ["n_obs_input"] = ObservationsInput,
            ["connected_components"] = ConnectedComponents,
            ["residual_df"] = ResidualDf,
            ["plug_in"] = Decomposition(PlugIn),
            ["homoskedastic"] = BiasCorrected is null ? null : Decomposition(BiasCorrected),
        };
        if (LeaveOut is { } kss)
        {
            var detail = Decomposition(kss.Corrected);
            detail["leave_out"] = kss.Level == LeaveOutLevel.Match ? "match" : "observation";
            detail["leverages"] = kss.Method == LeverageMethod.Exact ? "exact" : "random-projection";
            detail["draws"] = kss.Draws;
            detail["se_var_psi"] = Number(kss.StandardErrors.VarFirm);
            detail["se_var_alpha"] = Number(kss.StandardErrors.VarWorker);
            detail["se_cov_alpha_psi"] = Number(kss.StandardErrors.CovWorkerFirm);
            detail["matches"] = kss.Matches;
            detail["stayer_matches"] = kss.StayerMatches;
            detail["dropped_articulation_workers"] = kss.ArticulationWorkersDropped;
            detail["dropped_single_observation_workers"] = kss.SingleObservationWorkersDropped;
            detail["mean_leverage"] = Number(kss.MeanLeverage);
            detail["max_leverage"] = Number(kss.MaxLeverage);
            json["kss"] = detail;
        }

        json["output_check"] = Disclosure.OutputCheckJson.Check(Check);
        return json.ToJsonString(Disclosure.OutputCheckJson.Options) + "\n";
    }

    /// <summary>The decompositions side by side as a text table, with the sample and the output check.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"AKM: {Observations:N0} person-years, {Workers:N0} workers, {Firms:N0} firms, {Movers:N0} movers (of {ObservationsInput:N0} complete rows; {ConnectedComponents} connected components)");
        var columns = new List<(string Name, VarianceDecomposition D)> { ("plug-in", PlugIn) };
        if (BiasCorrected is not null) columns.Add(("homoskedastic", BiasCorrected));
        if (LeaveOut is not null) columns.Add(("KSS", LeaveOut.Corrected));
        sb.AppendLine(inv, $"{"component",-16}{string.Concat(columns.Select(c => c.Name.PadLeft(15)))}");
        void Row(string name, Func<VarianceDecomposition, double> value) =>
            sb.AppendLine(inv, $"{name,-16}{string.Concat(columns.Select(c => value(c.D).ToString("F5", inv).PadLeft(15)))}");
        Row("Var(y)", d => d.VarLogWage);
        Row("Var(alpha)", d => d.VarWorker);
        Row("Var(psi)", d => d.VarFirm);
        Row("Cov(alpha,psi)", d => d.CovWorkerFirm);
        Row("firm share", d => d.FirmShare);
        Row("sorting share", d => d.SortingShare);
        if (LeaveOut is { } kss)
        {
            sb.AppendLine(inv, $"KSS: leave {(kss.Level == LeaveOutLevel.Match ? "a match" : "an observation")} out, {(kss.Method == LeverageMethod.Exact ? "exact leverages" : $"random projections ({kss.Draws} draws)")}; SE Var(psi) {kss.StandardErrors.VarFirm:F5}, Var(alpha) {kss.StandardErrors.VarWorker:F5}, Cov {kss.StandardErrors.CovWorkerFirm:F5}");
            sb.AppendLine(inv, $"leave-one-out connected set: dropped {kss.ArticulationWorkersDropped} articulation and {kss.SingleObservationWorkersDropped} single-observation workers");
        }

        sb.AppendLine(Check.ToString());
        return sb.ToString();
    }
}
