using System.Text.Json.Nodes;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.Production;

public sealed partial class ProductionFunctionResult
{
    /// <summary>
    /// The result as JSON: method, form, variables, coefficients and mean elasticities with standard errors and
    /// intervals, returns to scale, sample sizes, bootstrap replicates, and the output check. No firm-level values.
    /// </summary>
    /// <param name="dataPath">The input file, recorded for provenance (null to leave out).</param>
    public string ToJson(string? dataPath)
    {
        static JsonNode? Number(double x) => Disclosure.OutputCheckJson.Number(x);
        static JsonObject Row(CoefficientEstimate c) => new()
        {
            ["term"] = c.Term, ["estimate"] = Number(c.Estimate), ["std_error"] = Number(c.StdError),
            ["ci_low"] = Number(c.CiLow), ["ci_high"] = Number(c.CiHigh), ["p_value"] = Number(c.PValue),
        };

        var json = new JsonObject
        {
            ["data"] = dataPath,
            ["method"] = Method switch
            {
                ProductionFunctionMethod.Ols => "ols", ProductionFunctionMethod.OlleyPakes => "op",
                ProductionFunctionMethod.LevinsohnPetrin => "lp", _ => "acf",
            },
            ["form"] = Form == ProductionFunctionForm.Translog ? "translog" : "cobb-douglas",
            ["output"] = Options.Output,
            ["free"] = new JsonArray([.. Options.Free.Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["state"] = new JsonArray([.. Options.State.Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["proxy"] = Method == ProductionFunctionMethod.Ols ? null : Options.Proxy,
            ["control_function_degree"] = Method == ProductionFunctionMethod.Ols ? null : Options.PolynomialDegree,
            ["law_of_motion_degree"] = Method == ProductionFunctionMethod.Ols ? null : Options.LawOfMotionDegree,
            ["standard_errors"] = StandardErrorMethod,
            ["bootstrap_replications"] = BootstrapReplications,
            ["bootstrap_failures"] = BootstrapFailures,
            ["seed"] = Options.BootstrapReplications > 0 ? Options.Seed : null,
            ["n_obs"] = Observations,
            ["n_obs_second_stage"] = SecondStageObservations,
            ["n_firms"] = Firms,
            ["n_years"] = Years,
            ["removed_missing"] = RemovedMissing,
            ["residual_df"] = ResidualDf,
            ["second_stage_solutions"] = SecondStageSolutions,
            ["coefficients"] = new JsonArray([.. Coefficients.Select(c => (JsonNode)Row(c))]),
            ["elasticities"] = new JsonArray([.. Elasticities.Select(c => (JsonNode)Row(c))]),
            ["returns_to_scale"] = Row(ReturnsToScale),
            ["output_check"] = Disclosure.OutputCheckJson.Check(Check),
        };
        return json.ToJsonString(Disclosure.OutputCheckJson.Options) + "\n";
    }
}
