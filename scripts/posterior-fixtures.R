#!/usr/bin/env Rscript
# Reference values for langevin's convergence diagnostics from the R package
# posterior (Debian's r-cran-posterior 1.4.0).
#
#   Rscript scripts/posterior-fixtures.R
#
# 1. Generates deterministic draw sets (set.seed) and writes them to
#    test/fixtures/diagnostics/draws-<name>.csv (columns chain, draw, then one
#    column per variable; values with 17 significant digits, so they read back
#    bit for bit).
# 2. Reads every draws-*.csv back and writes test/fixtures/diagnostics/expected.json
#    with posterior::summarise_draws(mean, sd, mcse_mean, mcse_sd, q5, q50,
#    q95, ess_bulk, ess_tail, rhat) per variable: NA as null, ±Inf as the
#    strings "Inf" / "-Inf".
suppressPackageStartupMessages(library(posterior))

dir <- file.path("test", "fixtures", "diagnostics")
dir.create(dir, recursive = TRUE, showWarnings = FALSE)

ar1 <- function(n, phi, sd = 1, start = rnorm(1, 0, sd / sqrt(1 - phi^2))) {
  x <- numeric(n)
  x[1] <- start
  for (i in seq_len(n)[-1]) x[i] <- phi * x[i - 1] + rnorm(1, 0, sd)
  x
}

# One draw set: a list of variables, each a draws × chains matrix.
write_set <- function(name, vars) {
  chains <- ncol(vars[[1]])
  draws <- nrow(vars[[1]])
  out <- data.frame(chain = rep(seq_len(chains), each = draws),
                    draw = rep(seq_len(draws), times = chains))
  for (v in names(vars)) out[[v]] <- as.vector(vars[[v]])
  lines <- c(paste(names(out), collapse = ","),
             apply(out, 1, function(row) {
               paste(c(sprintf("%d", as.integer(row[1:2])), sprintf("%.17g", row[-(1:2)])),
                     collapse = ",")
             }))
  writeLines(lines, file.path(dir, paste0("draws-", name, ".csv")))
}

per_chain <- function(chains, f) matrix(sapply(seq_len(chains), f), ncol = chains)

set.seed(20261127)

# 4 chains × 1000: the everyday case.
m <- 4; n <- 1000
write_set("4x1000", list(
  iid = per_chain(m, function(c) rnorm(n)),
  ar_mixing = per_chain(m, function(c) ar1(n, 0.5)),
  ar_sticky = per_chain(m, function(c) ar1(n, 0.97)),
  antithetic = per_chain(m, function(c) ar1(n, -0.8)),
  shifted_means = per_chain(m, function(c) ar1(n, 0.3) + 0.5 * (c - 1)),
  scale_differs = per_chain(m, function(c) rnorm(n, 0, if (c == 1) 3 else 1)),
  trend = per_chain(m, function(c) rnorm(n) + seq(0, 2, length.out = n)),
  cauchy = per_chain(m, function(c) rcauchy(n)),
  lognormal = per_chain(m, function(c) exp(ar1(n, 0.6, 0.8))),
  poisson = per_chain(m, function(c) rpois(n, 3)),
  bernoulli = per_chain(m, function(c) rbinom(n, 1, 0.3)),
  rare_event = per_chain(m, function(c) rbinom(n, 1, 0.02)),
  constant_one_chain = per_chain(m, function(c) if (c == 2) rep(1.5, n) else rnorm(n, 1.5)),
  tiny_scale = per_chain(m, function(c) 1e-8 * rnorm(n) + 1),
  large_offset = per_chain(m, function(c) 1e6 + ar1(n, 0.8))
))

# 8 chains × 123: odd draws (the middle draw is dropped by splitting).
m <- 8; n <- 123
write_set("8x123", list(
  iid = per_chain(m, function(c) rnorm(n)),
  ar = per_chain(m, function(c) ar1(n, 0.9)),
  shifted_means = per_chain(m, function(c) rnorm(n, if (c > 6) 1 else 0)),
  student_t3 = per_chain(m, function(c) rt(n, 3)),
  rounded = per_chain(m, function(c) round(rnorm(n), 1))
))

# 3 chains × 101.
m <- 3; n <- 101
write_set("3x101", list(
  iid = per_chain(m, function(c) rnorm(n)),
  ar = per_chain(m, function(c) ar1(n, 0.7)),
  gamma = per_chain(m, function(c) rgamma(n, 0.5))
))

# A single chain.
m <- 1; n <- 500
write_set("1x500", list(
  iid = per_chain(m, function(c) rnorm(n)),
  ar = per_chain(m, function(c) ar1(n, 0.9)),
  drift = per_chain(m, function(c) cumsum(rnorm(n)))
))

# Few draws: the edge cases of .ess (n < 3 per split chain is NA, n <= 5 stops at once).
write_set("2x7", list(
  a = per_chain(2, function(c) rnorm(7)),
  b = per_chain(2, function(c) rnorm(7, c))
))
write_set("4x5", list(a = per_chain(4, function(c) rnorm(5))))
write_set("2x12", list(a = per_chain(2, function(c) ar1(12, 0.5))))
write_set("3x4", list(a = per_chain(3, function(c) rnorm(4))))

# Degenerate draws: constant everywhere, constant per chain, two values folding to one.
m <- 4; n <- 50
write_set("degenerate", list(
  constant = per_chain(m, function(c) rep(2, n)),
  constant_per_chain = per_chain(m, function(c) rep(c, n)),
  plus_minus_one = per_chain(m, function(c) sample(c(-1, 1), n, replace = TRUE))
))

# Fewer draws than splitting needs: one draw per chain, one chain of two and of six draws.
set.seed(7)
write_set("3x1", list(a = per_chain(3, function(c) rnorm(1))))
write_set("1x2", list(a = per_chain(1, function(c) rnorm(2))))
write_set("1x6", list(a = per_chain(1, function(c) rnorm(6))))

# ---- reference summaries --------------------------------------------------

fmt <- function(v) {
  if (is.na(v)) "null"
  else if (is.infinite(v)) if (v > 0) "\"Inf\"" else "\"-Inf\""
  else sprintf("%.17g", v)
}

measures <- c("mean", "sd", "mcse_mean", "mcse_sd", "q5", "q50", "q95",
              "ess_bulk", "ess_tail", "rhat")

sets <- character()
for (file in sort(list.files(dir, pattern = "^draws-.*\\.csv$"))) {
  df <- read.csv(file.path(dir, file), colClasses = "numeric")
  chains <- max(df$chain)
  draws <- max(df$draw)
  vars <- setdiff(names(df), c("chain", "draw"))
  d <- as_draws_df(data.frame(df[vars], .chain = as.integer(df$chain),
                              .iteration = as.integer(df$draw)))
  s <- suppressWarnings(summarise_draws(
    d, mean, sd, mcse_mean, mcse_sd,
    ~quantile2(.x, probs = c(0.05, 0.5, 0.95)),
    ess_bulk, ess_tail, rhat))
  rows <- character()
  for (i in seq_len(nrow(s))) {
    fields <- vapply(measures, function(k) sprintf("\"%s\": %s", k, fmt(s[[k]][i])), "")
    rows <- c(rows, sprintf("      \"%s\": {%s}", s$variable[i], paste(fields, collapse = ", ")))
  }
  sets <- c(sets, sprintf(
    "    {\"file\": \"%s\", \"chains\": %d, \"draws\": %d, \"variables\": {\n%s\n    }}",
    file, chains, draws, paste(rows, collapse = ",\n")))
}

json <- c("{",
          sprintf("  \"generator\": \"scripts/posterior-fixtures.R with posterior %s, %s\",",
                  as.character(packageVersion("posterior")), R.version.string),
          "  \"sets\": [",
          paste(sets, collapse = ",\n"),
          "  ]",
          "}")
writeLines(json, file.path(dir, "expected.json"))
cat("wrote", length(sets), "draw sets to", file.path(dir, "expected.json"), "\n")
