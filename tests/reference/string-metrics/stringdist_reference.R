# Reference distances from R stringdist (Debian r-cran-stringdist 0.9.10).
# Usage: Rscript stringdist_reference.R pairs.csv out.csv   (called by make_reference.py)
suppressPackageStartupMessages(library(stringdist))
args <- commandArgs(trailingOnly = TRUE)
pairs <- read.csv(args[1], colClasses = "character", encoding = "UTF-8", na.strings = character(0))
a <- enc2utf8(pairs$a)
b <- enc2utf8(pairs$b)
fmt <- function(x) sprintf("%.17g", x)
out <- data.frame(
  a = a, b = b,
  # stringdist returns distances: similarity = 1 - distance.
  jaro = fmt(1 - stringdist(a, b, method = "jw", p = 0)),
  jw = fmt(1 - stringdist(a, b, method = "jw", p = 0.1, bt = 0)),
  jw_p02 = fmt(1 - stringdist(a, b, method = "jw", p = 0.2, bt = 0)),
  lv = stringdist(a, b, method = "lv"),
  osa = stringdist(a, b, method = "osa"),
  dl = stringdist(a, b, method = "dl"),
  stringsAsFactors = FALSE)
write.csv(out, args[2], row.names = FALSE, fileEncoding = "UTF-8")
cat("stringdist version", as.character(packageVersion("stringdist")), "\n")
