#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Split capture output into fixtures/<name>.umockdev and make each loadable.

umockdev refuses devices without a SUBSYSTEM, which the dax mappingN
children are: their attributes are folded into the parent dax device as
mappingN/<attr>.  The memory block size lives in a directory that is not a
device; it is added as a memory subsystem root so that libdaxctl finds
/sys/devices/system/memory/block_size_bytes.
"""
import os
import re
import sys


def write(outdir, name, blocks, block_size):
    order = []
    byp = {}
    for b in blocks:
        path = b[0][3:]
        byp[path] = b
        order.append(path)
    out = []
    for path in order:
        m = re.match(r'(.*/dax\d+\.\d+)/(mapping\d+)$', path)
        if m and m.group(1) in byp:
            parent = byp[m.group(1)]
            for line in byp[path]:
                if line.startswith('A: ') and not line.startswith('A: power/'):
                    parent.append('A: %s/%s' % (m.group(2), line[3:]))
            continue
    for path in order:
        if re.search(r'/dax\d+\.\d+/mapping\d+$', path):
            continue
        out.append('\n'.join(byp[path]))
    if block_size:
        out.append('P: /devices/system/memory\nE: SUBSYSTEM=memory\n'
                   'A: block_size_bytes=%s\\n' % block_size)
    with open(os.path.join(outdir, name + '.umockdev'), 'w') as f:
        f.write('\n\n'.join(out) + '\n')


def main():
    outdir = sys.argv[1]
    name = None
    blocks, cur, block_size = [], [], None
    for raw in sys.stdin.read().split('\n'):
        if raw.startswith('=== '):
            if name:
                if cur:
                    blocks.append(cur)
                write(outdir, name, blocks, block_size)
            name, blocks, cur, block_size = raw[4:].strip(), [], [], None
            continue
        if name is None:
            continue
        if raw.startswith('#block_size_bytes '):
            block_size = raw.split()[1]
        elif raw.strip() == '':
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(raw)
    if name:
        if cur:
            blocks.append(cur)
        write(outdir, name, blocks, block_size)


main()
