# Stan's own NUTS (rstan 2.21, diag_e, adapt delta 0.8, max depth 10) on the
# two targets test/samplers/nuts-reference.test.ts checks langevin's nuts
# against: eight schools (non-centred) and a 2-d correlated Gaussian.
# 4 chains x 10000 draws after 1000 warm-up, seed 1. Writes one JSON per
# model with per-parameter mean, sd, their MCSEs (rstan::monitor) and the
# sampler's mean step size, tree depth, leapfrogs per draw, accept_stat and
# bulk ESS per 1000 gradients (warm-up included), for the tests and docs.
# Usage: Rscript reference.R OUTDIR   (needs r-cran-rstan, r-cran-jsonlite)
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
rstan_options(boost_lib = "/usr/include")
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
out <- commandArgs(trailingOnly = TRUE)[1]
schools <- list(J = 8, y = c(28, 8, -3, 7, -1, 1, 18, 12), sigma = c(15, 10, 16, 11, 9, 11, 10, 18))
run <- function(name, file, data) {
  sm <- stan_model(file.path(here, file))
  fit <- sampling(sm, data = data, chains = 4, iter = 11000, warmup = 1000, seed = 1, cores = 1, refresh = 0)
  sims <- as.array(fit)
  mon <- monitor(sims, warmup = 0, print = FALSE)
  sp <- get_sampler_params(fit, inc_warmup = FALSE)
  all <- get_sampler_params(fit, inc_warmup = TRUE)
  pick <- function(col) mean(sapply(sp, function(p) mean(p[, col])))
  leapfrogs <- sum(sapply(all, function(p) sum(p[, "n_leapfrog__"])))
  keep <- rownames(mon) != "lp__"
  params <- lapply(which(keep), function(i) list(
    name = rownames(mon)[i], mean = mon$mean[i], sd = mon$sd[i],
    mcse_mean = mon$se_mean[i], mcse_sd = mon$MCSE_SD[i], ess_bulk = mon$Bulk_ESS[i]))
  res <- list(
    model = name, stan = "rstan 2.21", chains = 4, warmup = 1000, draws = 10000, seed = 1,
    stepsize = pick("stepsize__"), treedepth = pick("treedepth__"), n_leapfrog = pick("n_leapfrog__"),
    accept_stat = pick("accept_stat__"), gradient_evaluations = leapfrogs,
    min_ess_bulk = min(mon$Bulk_ESS[keep]),
    parameters = unname(params))
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(out, paste0(name, ".json")))
}
run("eight_schools", "eight_schools.stan", schools)
run("gaussian2", "gaussian2.stan", list())
