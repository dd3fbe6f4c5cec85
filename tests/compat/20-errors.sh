#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 20-errors.sh: parse and validation errors, text and exit code, against 1.31.
compat_lines /tests/data/errors.lines
