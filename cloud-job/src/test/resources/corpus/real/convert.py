#!/usr/bin/env python3
"""Converts the raw public temperature logs into the series CSV EvaluateDetection reads.

Usage: python3 convert.py RAW_DIR OUT_DIR

RAW_DIR holds the raw files exactly as published (names and SHA-256 in CHECKSUMS, how to get
them in README.md). OUT_DIR receives one `timestamp,value,sensor` CSV per source. Python 3
standard library only; the output is byte-for-byte reproducible.

What is changed, and only this:
- timestamps become ISO-8601 instants; the sources publish local wall-clock times without a zone,
  they are written as if UTC (the detectors only use differences between readings);
- the two NAB files are in degrees Fahrenheit (the office file only makes sense in °F: 58-87;
  NAB does not state the unit of the machine file, which is treated the same way) and are
  converted to °C, rounded to 4 decimals (1e-4 °C, far below the 0.01 °C FLATLINE tolerance);
- 12 rows of the machine file whose time is not after the row before (2014-01-07 02:00-02:55
  repeated after 02:55) are dropped;
- the UCI files keep their values as published (°C, the text of the field);
- the three Occupancy Detection files are one sensor, merged in time order (they do not overlap;
  there are two gaps between them, of 7 h and 29 h, where the publisher left data out).
"""

import csv
import os
import sys
from datetime import datetime

HEADER = "timestamp,value,sensor\n"

# The UCI Appliances energy prediction house: which T columns, and the sensor id for each.
HOUSE_SENSORS = [
    ("T1", "house-kitchen"),
    ("T2", "house-living-room"),
    ("T3", "house-laundry"),
    ("T5", "house-bathroom"),
    ("T6", "house-outside-north"),
    ("T9", "house-parents-room"),
]


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def f_to_c(text):
    return "%.4f" % ((float(text) - 32.0) * 5.0 / 9.0)


def nab(raw, out, sensor):
    rows = []
    last = None
    with open(raw, newline="") as f:
        for r in csv.DictReader(f):
            t = datetime.strptime(r["timestamp"], "%Y-%m-%d %H:%M:%S")
            if last is not None and t <= last:
                # The machine file goes back from 02:55 to 02:00 on 2014-01-07 and repeats that
                # hour with other values; the repeat is dropped (the job feeds detectors in
                # event-time order per sensor).
                print("%s: dropped %s, not after %s" % (raw, t, last))
                continue
            last = t
            rows.append("%s,%s,%s\n" % (iso(t), f_to_c(r["value"]), sensor))
    write(out, rows)


def occupancy(raws, out, sensor):
    readings = {}
    for raw in raws:
        with open(raw, newline="") as f:
            rows = csv.reader(f)
            next(rows)  # the header names 7 columns: date,Temperature,...,Occupancy
            for r in rows:
                # Each row has 8: its row number first, then date, Temperature, ...
                t = datetime.strptime(r[1], "%Y-%m-%d %H:%M:%S")
                if t in readings and readings[t] != r[2]:
                    raise ValueError("%s: two values at %s" % (raw, t))
                readings[t] = r[2]
    rows = ["%s,%s,%s\n" % (iso(t), readings[t], sensor) for t in sorted(readings)]
    write(out, rows)


def house(raw, out):
    rows = []
    with open(raw, newline="") as f:
        for r in csv.DictReader(f):
            # This copy was re-saved with day-first dates without seconds: 14/02/2016 0:00.
            t = datetime.strptime(r["date"], "%d/%m/%Y %H:%M")
            for column, sensor in HOUSE_SENSORS:
                float(r[column])  # fail loudly on anything that is not a number
                rows.append("%s,%s,%s\n" % (iso(t), r[column], sensor))
    write(out, rows)


def write(path, rows):
    with open(path, "w", newline="\n") as f:
        f.write(HEADER)
        f.writelines(rows)
    print("%s: %d readings" % (path, len(rows)))


def main(raw_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    raw = lambda name: os.path.join(raw_dir, name)
    out = lambda name: os.path.join(out_dir, name)
    nab(
        raw("machine_temperature_system_failure.csv"),
        out("nab-machine-temperature.csv"),
        "nab-machine",
    )
    nab(
        raw("ambient_temperature_system_failure.csv"),
        out("nab-office-ambient.csv"),
        "nab-office",
    )
    occupancy(
        [raw("datatest.txt"), raw("datatraining.txt"), raw("datatest2.txt")],
        out("uci-occupancy-office.csv"),
        "office-room",
    )
    house(raw("energydata_complete.csv"), out("uci-appliances-house.csv"))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: convert.py RAW_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
