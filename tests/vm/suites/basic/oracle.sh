#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# oracle.sh: the reference ipvsadm drives the guest kernel's IPVS.

add_and_list() {
	/opt/oracle/ipvsadm -A -t 10.1.1.1:80 -s rr &&
		/opt/oracle/ipvsadm -Ln | grep -q '^TCP  10.1.1.1:80 rr'
}
check oracle-add-list add_and_list
