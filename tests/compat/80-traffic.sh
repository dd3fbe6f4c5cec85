#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 80-traffic.sh: the views with counters that traffic moved, against 1.31.
compat_cases /tests/data/traffic.cases
