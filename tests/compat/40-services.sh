#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 40-services.sh: every kind of service in every view and every scheduler, against 1.31.
compat_cases /tests/data/services.cases
