#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 10-basics.sh: every command and list view on an empty table, against 1.31.
compat_lines /tests/data/basics.lines
