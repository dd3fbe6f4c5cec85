#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 70-matrix.sh: every row of the option matrix, legal and illegal, against 1.31.
compat_cases /tests/data/matrix.cases
