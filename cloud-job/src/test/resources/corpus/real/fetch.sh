#!/bin/sh
# Fetches the raw public temperature logs at the commits they were read from, checks their
# SHA-256 against CHECKSUMS, and converts them with convert.py into the series CSVs that
# EvaluateDetection reads. Needs internet, curl, sha256sum and python3 (standard library only).
#
#   sh fetch.sh [RAW_DIR [OUT_DIR]]      defaults: ./raw and this directory
#
# The CSVs are not committed (they are third-party data); *.csv and raw/ are git-ignored here.
# BASE overrides where the files come from (a mirror laid out as OWNER/REPO/COMMIT/PATH).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RAW=${1:-$HERE/raw}
OUT=${2:-$HERE}
BASE=${BASE:-https://raw.githubusercontent.com}
NAB=numenta/NAB/ea702d75cc2258d9d7dd35ca8e5e2539d71f3140
OCC=LuisM78/Occupancy-detection-data/ba2b1d7b53a71292ff61b867d3e16f0e539c7eb6
HOUSE=Manusinh-Thakor/Predicting-Household-Energy-Usage-with-Regression-Models/ebf19e26a03f9b50d48f2dcaf724d8dc48a21fdc
CHECK=LuisM78/Appliances-energy-prediction-data/e3e4c27a4ae2b41b21f84b4c9ac2d822d3d0ace1

mkdir -p "$RAW" "$OUT"
get() { # SOURCE/COMMIT PATH NAME
  curl -fsSL "$BASE/$1/$2" -o "$RAW/$3"
}
get "$NAB" data/realKnownCause/machine_temperature_system_failure.csv machine_temperature_system_failure.csv
get "$NAB" data/realKnownCause/ambient_temperature_system_failure.csv ambient_temperature_system_failure.csv
get "$NAB" labels/combined_windows.json combined_windows.json
for f in datatest.txt datatraining.txt datatest2.txt; do get "$OCC" "$f" "$f"; done
get "$HOUSE" energydata_complete.csv energydata_complete.csv
get "$CHECK" testing.csv testing.csv

grep '^raw ' "$HERE/CHECKSUMS" | cut -c6- | (cd "$RAW" && sha256sum -c)
python3 "$HERE/convert.py" "$RAW" "$OUT"
grep '^repo ' "$HERE/CHECKSUMS" | cut -c6- | grep '\.csv$' | grep -v labels | (cd "$OUT" && sha256sum -c)
