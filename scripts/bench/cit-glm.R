#!/usr/bin/env Rscript
# The CIT models refitted by R on the portal's exported model frame (`npm run cli -- analyze cit --export-design`),
# timed the same way as the portal's fits: the force logit (glm + sandwich::vcovCL by officer, HC1), its CIT x era
# sensitivity model, and the disposition model (nnet::multinom + a cluster-robust sandwich). Writes timings and the
# CIT coefficients as JSON, so the benchmark can also check that both implementations agree.
#
#   Rscript scripts/bench/cit-glm.R design.csv references.json runs out.json
suppressPackageStartupMessages({
  library(nnet)
  library(sandwich)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) stop("usage: cit-glm.R design.csv references.json runs out.json")
d <- read.csv(args[1], stringsAsFactors = FALSE)
refs <- fromJSON(args[2])
runs <- as.integer(args[3])

factors <- c("call_risk_group", "precinct", "officer_race", "officer_gender", "era")
for (f in factors) d[[f]] <- relevel(factor(d[[f]]), ref = refs[[f]])
# A factor with one level left carries no information (the portal drops its empty columns too).
present <- factors[vapply(factors, function(f) nlevels(droplevels(d[[f]])) > 1, logical(1))]
force_rhs <- paste(c("cit_certified", "years_experience", present), collapse = " + ")
disp_rhs <- paste(c("cit_certified", intersect(c("call_risk_group", "precinct", "era"), present)), collapse = " + ")
ctl <- glm.control(epsilon = 1e-14, maxit = 100)

timed <- function(expr_fn) {
  secs <- numeric(runs)
  for (i in seq_len(runs)) {
    t0 <- proc.time()[["elapsed"]]
    value <- expr_fn()
    secs[i] <- proc.time()[["elapsed"]] - t0
  }
  list(seconds = median(secs), runs = secs, value = value)
}

force <- timed(function() {
  fit <- glm(as.formula(paste("force ~", force_rhs)), family = binomial, data = d, control = ctl)
  V <- vcovCL(fit, cluster = ~officer_id, type = "HC1")
  list(estimate = unname(coef(fit)["cit_certified"]), se = unname(sqrt(diag(V))["cit_certified"]), iterations = fit$iter)
})

interaction <- timed(function() {
  fit <- glm(as.formula(paste("force ~", force_rhs, "+ cit_certified:era")), family = binomial, data = d, control = ctl)
  V <- vcovCL(fit, cluster = ~officer_id, type = "HC1")
  list(estimate = unname(coef(fit)["cit_certified"]))
})

dm <- d[d$disposition_group != "unknown", ]
dm$disposition_group <- relevel(factor(dm$disposition_group), ref = "no_action")
disposition <- timed(function() {
  fit <- multinom(as.formula(paste("disposition_group ~", disp_rhs)), data = dm, Hess = TRUE, trace = FALSE, maxit = 5000, reltol = 1e-15, abstol = 1e-15)
  X <- model.matrix(fit)
  Y <- class.ind(dm$disposition_group)
  P <- fitted(fit)
  k <- ncol(Y)
  scores <- do.call(cbind, lapply(2:k, function(j) (Y[, j] - P[, j]) * X))
  colnames(scores) <- rownames(vcov(fit))
  assign("estfun.multinom", function(x, ...) scores, envir = globalenv())
  assign("bread.multinom", function(x, ...) vcov(x) * nrow(scores), envir = globalenv())
  registerS3method("estfun", "multinom", get("estfun.multinom", envir = globalenv()), envir = asNamespace("sandwich"))
  registerS3method("bread", "multinom", get("bread.multinom", envir = globalenv()), envir = asNamespace("sandwich"))
  V <- vcovCL(fit, cluster = dm$officer_id, type = "HC1")
  cm <- coef(fit)
  list(estimate = as.list(setNames(cm[, "cit_certified"], rownames(cm))), se = as.list(setNames(sqrt(diag(V))[paste0(rownames(cm), ":cit_certified")], rownames(cm))))
})

out <- list(
  r_version = R.version.string,
  n = nrow(d), n_disposition = nrow(dm), clusters = length(unique(d$officer_id)),
  force = list(seconds = force$seconds, runs = force$runs, cit = force$value),
  interaction = list(seconds = interaction$seconds, runs = interaction$runs, cit = interaction$value),
  disposition = list(seconds = disposition$seconds, runs = disposition$runs, cit = disposition$value)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), args[4])
