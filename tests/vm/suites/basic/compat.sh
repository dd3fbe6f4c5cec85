#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# compat.sh: the first differential case, ours against the oracle.

compat version 'ipvsadm -v'
