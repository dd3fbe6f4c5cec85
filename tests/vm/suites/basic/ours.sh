#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ours.sh: our ipvsadm, found through PATH, adds a service and lists it.

add_and_list() {
	ipvsadm -A -t 10.1.1.1:80 -s rr &&
		ipvsadm -Ln | grep -q 'TCP  10.1.1.1:80 rr'
}
check ours-add-list add_and_list
