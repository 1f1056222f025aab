"""The pandas twin of pipeline.ts (same inputs, same steps); prints its outputs as JSON and its time."""
import json, sys, time
import numpy as np
import pandas as pd

def read(d, sid):
    df = pd.read_csv(f"{d}/{sid}.csv", dtype={"date": str}).dropna()
    # datetime64[D] covers the synthetic set's far-future dates (pandas Timestamps stop in 2262).
    df["day"] = df["date"].values.astype("datetime64[D]").astype("int64")
    return df[["day", "value"]].sort_values("day").reset_index(drop=True)

def asof(grid, s):
    g = pd.DataFrame({"day": grid})
    return pd.merge_asof(g, s, on="day", direction="backward")["value"].to_numpy()

def run(d):
    sofr, iorb = read(d, "SOFR"), read(d, "IORB")
    walcl, wtregen, wresbal = read(d, "WALCL"), read(d, "WTREGEN"), read(d, "WRESBAL")
    rrp, tga, gdp = read(d, "RRPONTSYD"), read(d, "TGA_DTS"), read(d, "GDP")
    spread = np.round(100 * (sofr["value"].to_numpy() - asof(sofr["day"], iorb)) * 1e6) / 1e6
    s = pd.Series(spread)
    ma20 = s.rolling(20, min_periods=20).mean()
    sd20 = s.rolling(20, min_periods=20).std(ddof=1)
    z20 = ((s - ma20) / sd20.where(sd20 > 0)).to_numpy()
    nl_pop = walcl["value"].to_numpy() - asof(walcl["day"], wtregen) - asof(walcl["day"], rrp)
    res_gdp = 100 * wresbal["value"].to_numpy() / asof(wresbal["day"], gdp)
    nl_daily = asof(tga["day"], walcl) - tga["value"].to_numpy() - asof(tga["day"], rrp)
    return {"spread": spread, "ma20": ma20.to_numpy(), "z20": z20, "nlPop": nl_pop, "reservesGdp": res_gdp, "nlDaily": nl_daily}

if __name__ == "__main__":
    d, out = sys.argv[1], sys.argv[2]
    runs = []
    res = run(d)  # warm-up, as on the TypeScript side
    for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 3):
        t0 = time.perf_counter()
        res = run(d)
        runs.append((time.perf_counter() - t0) * 1000)
    with open(out, "w") as f:
        json.dump({k: [None if not np.isfinite(x) else float(x) for x in v] for k, v in res.items()}, f)
    print(json.dumps({"ms": runs, "pandas": pd.__version__}))
