#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 50-edits.sh: edits, deletes, zeroing, timeouts, kernel errors and -R, against 1.31.
compat_cases /tests/data/edits.cases
