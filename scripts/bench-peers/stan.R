# Stan NUTS (rstan) on one bench model: 4 chains, 1000 warm-up, 1000 draws,
# seed 1, chains one after another. Prints one JSON line: compile seconds,
# warm-up and sampling seconds (summed over chains), gradient evaluations
# (leapfrog steps) and the minimum ESS bulk over parameters and transformed
# parameters (rstan::monitor, the same estimator as posterior).
# Usage: Rscript stan.R MODEL.stan DATA.json
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
rstan_options(boost_lib = "/usr/include")
args <- commandArgs(trailingOnly = TRUE)
data <- fromJSON(args[2])
t0 <- proc.time()[["elapsed"]]
sm <- stan_model(args[1])
compile_seconds <- proc.time()[["elapsed"]] - t0
fit <- sampling(sm, data = data, chains = 4, iter = 2000, warmup = 1000, seed = 1, cores = 1, refresh = 0)
elapsed <- get_elapsed_time(fit)
params <- get_sampler_params(fit, inc_warmup = TRUE)
leapfrogs <- sum(sapply(params, function(p) sum(p[, "n_leapfrog__"])))
sims <- as.array(fit)
sims <- sims[, , dimnames(sims)$parameters != "lp__", drop = FALSE]
mon <- monitor(sims, warmup = 0, print = FALSE)
cat(toJSON(list(
  compile_seconds = compile_seconds,
  warmup_seconds = sum(elapsed[, "warmup"]),
  sampling_seconds = sum(elapsed[, "sample"]),
  gradient_evaluations = leapfrogs,
  min_ess_bulk = min(mon$Bulk_ESS)
), auto_unbox = TRUE), "\n")
