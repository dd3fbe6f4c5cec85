#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 10-apitest.sh: every libipvs call against the guest kernel (ipvs-apitest).

# The sync-daemon cases bind to v0; both ends up so it has a carrier.
ip link add v0 type veth peer name v1 &&
	ip link set v0 up &&
	ip link set v1 up ||
	echo "CASE apitest-veth FAIL"

# ipvs-apitest prints its own CASE lines and exits non-zero on a failure.
ipvs-apitest
