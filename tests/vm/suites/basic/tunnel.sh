#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tunnel.sh: the ipip module gives every new namespace its tunl0.

# Usually preloaded by /init; modprobe is a no-op then.
check ipip-modprobe modprobe ipip
check tunl0-in-fresh-netns ip link show tunl0
