#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 30-dests.sh: real-server options on a fresh table, against 1.31.
compat_lines /tests/data/dests.lines
