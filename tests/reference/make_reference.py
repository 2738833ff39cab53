#!/usr/bin/env python3
"""Independent reference values for Adrn.Stats regression tests.

Generates a small deterministic dataset (reference_data.csv, 600 rows) and fits the same models
as tests/Adrn.Stats.Tests/ReferenceRegressionTests.cs with statsmodels (Debian python3-statsmodels
0.13.5, numpy, pandas). The values are printed as a C# class that is committed as
tests/Adrn.Stats.Tests/Reference/StatsmodelsReference.cs, so the C# tests never need Python.

Run:  python3 tests/reference/make_reference.py > tests/Adrn.Stats.Tests/Reference/StatsmodelsReference.cs

Fixed effects and fixest's small-sample rules
---------------------------------------------
R/fixest is not installable on the build machine. For absorbed fixed effects we therefore fit the
model with explicit dummy variables in statsmodels: by the Frisch-Waugh-Lovell theorem the slope
coefficients and residuals are identical to those of the absorbed (demeaned) model. The standard
errors are then given fixest's documented small-sample corrections explicitly, here, in Python:

  fixest ssc() defaults: adj = TRUE, fixef.K = "nested", cluster.adj = TRUE, cluster.df = "min"
  (fixest reference manual, ?ssc, and the vignette "On standard errors",
   https://lrberge.github.io/fixest/articles/standard_errors.html):
  * iid:      sigma^2 = SSR / (n - K),  K = #slopes + sum(FE levels) - (#FE - 1)
  * hetero:   HC0 * n / (n - K)  (adj (n-1)/(n-K) times cluster.adj n/(n-1), i.e. HC1 / Stata robust)
  * cluster:  B M B * G/(G-1) * (n-1)/(n-K), where fixed effects nested in a cluster variable are
              not counted in K (each nested FE of size G_k removes G_k - 1; if every FE is nested,
              K = #slopes + 1)
  * two-way:  (V_a + V_b - V_ab) with the single factor G_min/(G_min-1) * (n-1)/(n-K)
              (cluster.df = "min": "a unique adjustment is made, of the form G_min/(G_min-1)")
Raw (uncorrected) cluster sandwiches come from statsmodels.stats.sandwich_covariance.cov_cluster
with use_correction=False; the factors above are then applied by this script.

Singletons: Adrn.Stats removes fixed-effect singletons by default (as reghdfe/pyfixest do); this
script removes them the same way (iteratively) before fitting the dummy regressions.
"""
import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.sandwich_covariance import cov_cluster
from statsmodels.sandbox.regression.gmm import IV2SLS
import os

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)
n = 600
regions = np.array(["TLC", "TLD", "TLE", "TLI", "TLJ"])
firm = rng.integers(1, 41, size=n)           # 40 firms
firm[-1] = 99                                # firm 99 has a single row: a singleton
year = rng.integers(2015, 2021, size=n)      # 6 years
region = regions[(firm + rng.integers(0, 2, size=n)) % 5]
x1 = rng.normal(size=n) + 0.05 * firm
x2 = rng.normal(size=n) * 2 + 0.1 * (year - 2015)
x3 = np.exp(rng.normal(size=n) * 0.5)
z = rng.normal(size=n)
u = rng.normal(size=n)
d = 0.8 * z + 0.5 * u + 0.3 * x1 + rng.normal(size=n) * 0.5   # endogenous: correlated with u
firm_effect = rng.normal(size=100)[firm]
year_effect = 0.1 * (year - 2015)
region_effect = {"TLC": 0.0, "TLD": 0.2, "TLE": -0.1, "TLI": 0.5, "TLJ": 0.3}
# heteroskedastic and within-firm correlated errors so robust/cluster SEs differ from iid
eps = rng.normal(size=n) * (0.5 + 0.5 * np.abs(x1)) + 0.4 * rng.normal(size=100)[firm]
y = (1.0 + 0.5 * x1 - 0.25 * x2 + 0.3 * np.log(x3) + 0.1 * x1 * x2
     + np.array([region_effect[r] for r in region]) + firm_effect + year_effect + 0.7 * d + eps + 0.5 * u)
w = rng.uniform(0.5, 2.0, size=n)
df = pd.DataFrame(dict(y=np.round(y, 6), x1=np.round(x1, 6), x2=np.round(x2, 6), x3=np.round(x3, 6),
                       d=np.round(d, 6), z=np.round(z, 6), w=np.round(w, 6),
                       firm=firm, year=year, region=region))
df.to_csv(os.path.join(HERE, "reference_data.csv"), index=False, lineterminator="\n")
df = pd.read_csv(os.path.join(HERE, "reference_data.csv"))   # use exactly the rounded values

out = []
def emit(name, values):
    out.append((name, np.asarray(values, dtype=float)))

def design(frame, cols, region_dummies=False, fe=(), intercept=True):
    X = pd.DataFrame(index=frame.index)
    if intercept:
        X["(Intercept)"] = 1.0
    for c in cols:
        X[c] = frame[c] if not callable(cols[c]) else cols[c](frame)
    if region_dummies:
        for lev in sorted(frame.region.unique())[1:]:
            X["region::" + lev] = (frame.region == lev).astype(float)
    for f in fe:
        levs = sorted(frame[f].unique())
        for lev in levs[1:] if (intercept or f != fe[0]) else levs:
            X[f"{f}={lev}"] = (frame[f] == lev).astype(float)
    return X

def drop_singletons(frame, fes):
    frame = frame.copy()
    while True:
        keep = np.ones(len(frame), dtype=bool)
        for f in fes:
            counts = frame[f].map(frame[f].value_counts())
            keep &= (counts > 1).to_numpy()
        if keep.all():
            return frame
        frame = frame[keep]

def raw_cluster(res, groups):
    return cov_cluster(res, np.asarray(pd.factorize(groups)[0]), use_correction=False)

# ---- 1. OLS with log() and i(region): iid, HC0-HC3, one-way cluster (statsmodels directly)
ols_cols = {"x1": None, "x2": None, "log(x3)": lambda f: np.log(f.x3)}
X = design(df, ols_cols, region_dummies=True)
res = sm.OLS(df.y, X).fit()
emit("OlsCoefficients", res.params)
emit("OlsSeIid", res.bse)
emit("OlsSeHc0", res.get_robustcov_results("HC0").bse)
emit("OlsSeHc1", res.get_robustcov_results("HC1").bse)
emit("OlsSeHc2", res.get_robustcov_results("HC2").bse)
emit("OlsSeHc3", res.get_robustcov_results("HC3").bse)
# statsmodels cluster: G/(G-1) (n-1)/(n-K), the same rule fixest uses without fixed effects
emit("OlsSeClusterFirm", res.get_robustcov_results("cluster", groups=pd.factorize(df.firm)[0], use_correction=True).bse)
emit("OlsFit", [res.rsquared, res.rsquared_adj, res.fvalue, res.nobs, res.df_resid])
ols_terms = list(X.columns)

# ---- 2. Interaction x1*x2 (iid)
Xi = design(df, {"x1": None, "x2": None, "x1:x2": lambda f: f.x1 * f.x2})
emit("InteractionCoefficients", sm.OLS(df.y, Xi).fit().params)
emit("InteractionSeIid", sm.OLS(df.y, Xi).fit().bse)

# ---- 3. Weighted least squares, HC1
Xw = design(df, {"x1": None, "x2": None})
resw = sm.WLS(df.y, Xw, weights=df.w).fit()
emit("WlsCoefficients", resw.params)
emit("WlsSeHc1", resw.get_robustcov_results("HC1").bse)

# ---- 4. Two-way clustering (firm + year), no fixed effects: fixest cluster.df = "min"
res2 = sm.OLS(df.y, Xw).fit()
nn, kk = len(df), Xw.shape[1]
Va, Vb = raw_cluster(res2, df.firm), raw_cluster(res2, df.year)
Vab = raw_cluster(res2, df.firm.astype(str) + "_" + df.year.astype(str))
gmin = min(df.firm.nunique(), df.year.nunique())
V = (Va + Vb - Vab) * gmin / (gmin - 1) * (nn - 1) / (nn - kk)
emit("TwoWaySe", np.sqrt(np.diag(V)))

# ---- 5. Fixed effects firm + year by dummies (FWL), singletons removed first
fe = drop_singletons(df, ["firm", "year"])
emit("FeSample", [len(df) - len(fe)])
Xf = design(fe, {"x1": None, "x2": None}, fe=("firm", "year"), intercept=False)
resf = sm.OLS(fe.y, Xf).fit()
nf = len(fe)
g_firm, g_year = fe.firm.nunique(), fe.year.nunique()
K_full = 2 + g_firm + g_year - 1
assert np.linalg.matrix_rank(Xf.to_numpy()) == K_full
emit("FeCoefficients", resf.params[["x1", "x2"]])
# iid: statsmodels df_resid = n - rank = n - K_full, the fixest rule
emit("FeSeIid", resf.bse[["x1", "x2"]])
# hetero: statsmodels HC1 = HC0 n/(n-K_full) = fixest "hetero"
emit("FeSeHc1", resf.get_robustcov_results("HC1").bse[1 - 1:2] if False else resf.get_robustcov_results("HC1").bse[:2])
# cluster by firm: the firm FE is nested in the cluster -> K = 2 + (g_year) (firm FE removed but its restriction kept)
K_nested = K_full - (g_firm - 1)
Vf = raw_cluster(resf, fe.firm)[:2, :2] * g_firm / (g_firm - 1) * (nf - 1) / (nf - K_nested)
emit("FeSeClusterFirm", np.sqrt(np.diag(Vf)))
# two-way firm + year: both FEs nested (firm in firm, year in year) -> K = 2 + 1
Va, Vb = raw_cluster(resf, fe.firm), raw_cluster(resf, fe.year)
Vab = raw_cluster(resf, fe.firm.astype(str) + "_" + fe.year.astype(str))
gmin = min(g_firm, g_year)
V2 = (Va + Vb - Vab)[:2, :2] * gmin / (gmin - 1) * (nf - 1) / (nf - (2 + 1))
emit("FeSeTwoWay", np.sqrt(np.diag(V2)))
# R2 and within R2 (within: SSR relative to the residual SS of y on the fixed effects alone)
ssr_fe_only = sm.OLS(fe.y, Xf.drop(columns=["x1", "x2"])).fit().ssr
emit("FeFit", [resf.rsquared, 1 - resf.ssr / ssr_fe_only, nf, nf - K_full])

# ---- 5b. Weighted fixed effects (firm + year), clustered by firm, same nested rule (weights enter B and M)
Xfw = Xf
resfw = sm.WLS(fe.y, Xfw, weights=fe.w).fit()
emit("FeWeightedCoefficients", resfw.params[["x1", "x2"]])
Vfw = raw_cluster(resfw, fe.firm)[:2, :2] * g_firm / (g_firm - 1) * (nf - 1) / (nf - K_nested)
emit("FeWeightedSeClusterFirm", np.sqrt(np.diag(Vfw)))

# ---- 6. IV / 2SLS without FE: y ~ x1 | d ~ z (iid); and with firm FE by dummies
Xiv = design(df, {"x1": None, "d": None})
Ziv = design(df, {"x1": None, "z": None})
riv = IV2SLS(df.y, Xiv, instrument=Ziv).fit()
emit("IvCoefficients", riv.params)
emit("IvSeIid", riv.bse)
feiv = drop_singletons(df, ["firm"])
Xfi = design(feiv, {"x1": None, "d": None}, fe=("firm",), intercept=False)
Zfi = design(feiv, {"x1": None, "z": None}, fe=("firm",), intercept=False)
rfi = IV2SLS(feiv.y, Xfi, instrument=Zfi).fit()
emit("FeIvCoefficients", rfi.params[["x1", "d"]])
emit("FeIvSeIid", rfi.bse[["x1", "d"]])

# ---- 7. Collinearity: x1 and x1copy = 2*x1 -> the second is dropped; coefficients as without it
# (nothing to compute: the reference is OlsCoefficients restricted; kept for documentation)

print("// <auto-generated>")
print("// Reference values from tests/reference/make_reference.py with statsmodels " + statsmodels.__version__
      + ", numpy " + np.__version__ + ", pandas " + pd.__version__ + ".")
print("// Fixed-effect models: explicit dummy regressions (FWL) + fixest's documented ssc() rules applied in the script.")
print("// Do not edit by hand; rerun the script.")
print("// </auto-generated>")
print("namespace Adrn.Stats.Tests.Reference;\n")
print("internal static class StatsmodelsReference\n{")
print("    public static readonly string[] OlsTerms = [" + ", ".join('"' + t + '"' for t in ols_terms) + "];")
for name, values in out:
    print(f"    public static readonly double[] {name} = [" + ", ".join(repr(float(v)) for v in values) + "];")
print("}")
