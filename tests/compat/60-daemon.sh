#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 60-daemon.sh: sync daemons started, listed and stopped, against 1.31.
compat_cases /tests/data/daemon.cases
