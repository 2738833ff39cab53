namespace Adrn.Stats.Production;

/// <summary>How the production function is estimated.</summary>
public enum ProductionFunctionMethod
{
    /// <summary>OLS with firm and year fixed effects, firm-clustered standard errors. Biased when inputs respond to productivity.</summary>
    Ols,

    /// <summary>Olley and Pakes (1996): investment is the proxy for productivity; free inputs from the first stage, state inputs by GMM.</summary>
    OlleyPakes,

    /// <summary>Levinsohn and Petrin (2003): as Olley–Pakes with intermediate inputs as the proxy.</summary>
    LevinsohnPetrin,

    /// <summary>Ackerberg, Caves and Frazer (2015): every coefficient in the GMM second stage; the first stage only removes the output shock.</summary>
    Acf,
}
