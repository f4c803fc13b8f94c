#!/usr/bin/env Rscript
# Does rstan read langevin's CmdStan CSV files, and does it see what we
# summarised? (Debian's r-cran-rstan 2.21, jsonlite, r-cran-posterior 1.4.)
#
#   Rscript scripts/check-cmdstan-csv.R DIR
#
# DIR is a `langevin sample ... --out DIR` directory: chain-K.csv per chain
# and summary.json. The script
#   1. loads the chains with rstan::read_stan_csv, failing on any warning it
#      gives, and prints the fit and rstan::monitor's table;
#   2. checks chains, kept draws, warm-up and thin, the parameter names
#      (theta[1], L[2,3], in our order), and each mean against summary.json;
#   3. checks sd, quantiles, R-hat, ESS and MCSE against posterior's
#      summarise_draws on the draws rstan read (the project's contract: "must agree with
#      posterior");
#   4. checks the sampler columns (accept_stat__, stepsize__ one row per draw,
#      accept_stat__ in [0, 1], stepsize__ equal to chain_info step_size) and
#      the adaptation step size rstan parsed.
# Exit status 0 when every check passes, 1 otherwise.

suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
  library(posterior)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) {
  cat("usage: Rscript scripts/check-cmdstan-csv.R DIR\n", file = stderr())
  quit(status = 2)
}
dir <- args[1]

files <- list.files(dir, pattern = "^chain-[0-9]+\\.csv$", full.names = TRUE)
if (length(files) == 0) stop("no chain-K.csv files in ", dir)
# chain-10 after chain-9, not after chain-1.
files <- files[order(as.integer(sub("^chain-([0-9]+)\\.csv$", "\\1", basename(files))))]
summary <- fromJSON(file.path(dir, "summary.json"), simplifyVector = FALSE)

failures <- 0L
check <- function(ok, what) {
  ok <- isTRUE(ok)
  if (!ok) failures <<- failures + 1L
  cat(if (ok) "ok   " else "FAIL ", what, "\n", sep = "")
}
# Relative closeness; NA (null in the JSON) must meet NA, Inf meets Inf.
close_to <- function(ours, theirs, tol) {
  if (is.null(ours)) ours <- NA_real_
  if (is.character(ours)) ours <- as.numeric(ours)
  if (is.na(ours) || is.na(theirs)) return(is.na(ours) && is.na(theirs))
  if (is.infinite(ours) || is.infinite(theirs)) return(ours == theirs)
  abs(ours - theirs) <= tol * max(1, abs(theirs))
}

# 1. Load, with every warning caught.
read_warnings <- character(0)
fit <- withCallingHandlers(
  read_stan_csv(files),
  warning = function(w) {
    read_warnings <<- c(read_warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  }
)
check(length(read_warnings) == 0,
      paste0("read_stan_csv gave no warnings",
             if (length(read_warnings)) paste0(": ", paste(unique(read_warnings), collapse = "; ")) else ""))
fit@model_name <- sub("\\.stan$", "", summary$model)
print(fit, digits_summary = 3)
draws <- as.array(fit)  # iterations x chains x (parameters, lp__), in file order
cat("\nrstan::monitor on the same draws:\n")
table <- monitor(draws, warmup = 0, print = FALSE)
print(as.data.frame(table)[, c("mean", "sd", "Q5", "Q50", "Q95", "Rhat", "Bulk_ESS", "Tail_ESS")], digits = 3)
cat("rstan::get_elapsed_time (not measured in the files, so NA):\n")
print(get_elapsed_time(fit))
cat("\n")

# 2. Shape and names.
n_chains <- length(files)
n_kept <- fit@sim$n_save[1] - fit@sim$warmup2[1]
check(fit@sim$chains == n_chains && n_chains == summary$chains,
      sprintf("chains: rstan %d, files %d, summary.json %d", fit@sim$chains, n_chains, summary$chains))
check(n_kept == summary$draws && dim(draws)[1] == summary$draws,
      sprintf("kept draws per chain: rstan %d, summary.json %d", n_kept, summary$draws))
thin <- if (is.null(summary$thin)) 1L else summary$thin
check(fit@sim$warmup == summary$warmup && fit@sim$thin == thin,
      sprintf("warmup %d and thin %d as summary.json (%d, %d)", fit@sim$warmup, fit@sim$thin, summary$warmup, thin))
ours <- vapply(summary$parameters, function(p) p$name, character(1))
theirs <- setdiff(dimnames(draws)[[3]], "lp__")
check(identical(theirs, ours),
      sprintf("parameter names agree (%d: %s ... %s)", length(ours), ours[1], ours[length(ours)]))
check(identical(fit@sim$fnames_oi[length(fit@sim$fnames_oi)], "lp__"), "lp__ read as the log density")

# extract() rebuilds arrays from the dotted names in column-major order: each
# element must land where its name says (L[2,3] at [, 2, 3]).
extracted <- extract(fit)
misplaced <- character(0)
for (i in seq_along(summary$parameters)) {
  name <- summary$parameters[[i]]$name
  base <- sub("\\[.*", "", name)
  index <- if (grepl("\\[", name)) as.integer(strsplit(sub(".*\\[(.*)\\]", "\\1", name), ",")[[1]]) else integer(0)
  x <- extracted[[base]]
  value <- if (length(index) == 0) mean(x) else mean(do.call(`[`, c(list(x, TRUE), as.list(index))))
  if (!close_to(summary$parameters[[i]]$mean, value, 1e-12)) misplaced <- c(misplaced, name)
}
check(length(misplaced) == 0,
      paste0("extract() puts every element at its index (means agree)",
             if (length(misplaced)) paste0(": not ", paste(head(misplaced, 3), collapse = ", ")) else ""))

# 3. Summaries against summary.json.
if (identical(theirs, ours)) {
  reference <- summarise_draws(as_draws_array(draws[, , ours, drop = FALSE]),
                               mean, sd, mcse_mean, mcse_sd,
                               ~quantile2(.x, probs = c(0.05, 0.5, 0.95)),
                               ess_bulk, ess_tail, rhat)
  fields <- c(mean = "mean", sd = "sd", q5 = "q5", q50 = "q50", q95 = "q95",
              mcse_mean = "mcse_mean", mcse_sd = "mcse_sd",
              ess_bulk = "ess_bulk", ess_tail = "ess_tail", rhat = "rhat")
  # Means, sds and quantiles are the same arithmetic on the same doubles;
  # the diagnostics go through FFTs and normal quantiles in both.
  tolerance <- c(mean = 1e-12, sd = 1e-12, q5 = 1e-12, q50 = 1e-12, q95 = 1e-12,
                 mcse_mean = 1e-6, mcse_sd = 1e-6, ess_bulk = 1e-6, ess_tail = 1e-6, rhat = 1e-6)
  for (field in names(fields)) {
    bad <- character(0)
    for (i in seq_along(ours)) {
      if (!close_to(summary$parameters[[i]][[field]], reference[[fields[[field]]]][i], tolerance[[field]])) {
        bad <- c(bad, sprintf("%s (ours %s, posterior %s)", ours[i],
                              format(summary$parameters[[i]][[field]]), format(reference[[fields[[field]]]][i])))
      }
    }
    check(length(bad) == 0,
          sprintf("%s of every parameter agrees with posterior on rstan's draws (rel. tol %g)%s", field,
                  tolerance[[field]], if (length(bad)) paste0(": ", paste(head(bad, 3), collapse = ", ")) else ""))
  }
}

# 4. Sampler columns and adaptation.
sampler <- get_sampler_params(fit, inc_warmup = FALSE)
adaptation <- get_adaptation_info(fit)
for (c in seq_len(n_chains)) {
  s <- sampler[[c]]
  info <- summary$chain_info[[c]]
  check(identical(colnames(s), c("accept_stat__", "stepsize__", "divergent__")) && nrow(s) == summary$draws,
        sprintf("chain %d: sampler params accept_stat__, stepsize__, divergent__ with %d rows", c, nrow(s)))
  accept <- s[, "accept_stat__"]
  check(all(accept >= 0 & accept <= 1),
        sprintf("chain %d: accept_stat__ in [0, 1] (mean %.3f)", c, mean(accept)))
  check(all(s[, "stepsize__"] == info$step_size),
        sprintf("chain %d: stepsize__ equals chain_info step_size %g", c, info$step_size))
  if (summary$warmup > 0) {
    step <- as.numeric(sub(".*Step size = ([^\n]*).*", "\\1", adaptation[[c]]))
    check(isTRUE(step == info$step_size),
          sprintf("chain %d: adaptation info step size %g equals chain_info", c, step))
  }
}

cat(sprintf("\n%s: %d check(s) failed\n", dir, failures))
quit(status = if (failures == 0L) 0L else 1L)
