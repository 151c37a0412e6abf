#!/usr/bin/env python3
"""What costs what in the app's wasm: twiggy's per-item sizes (`twiggy top -f csv`), summed by
crate group. It reads the wasm as rustc wrote it (target/wasm32-unknown-unknown/release/,
with its names), before wasm-bindgen and wasm-opt, so the shares are what counts, not the
bytes. Usage: scripts/wasm-cost.py [file.csv] (by default it runs twiggy itself)."""
import collections
import csv
import io
import re
import subprocess
import sys

WASM = 'target/wasm32-unknown-unknown/release/vm-snapshots.wasm'
GROUPS = {
    'Leptos (views, reactivity)': ['leptos', 'tachys', 'reactive_graph', 'leptos_router', 'leptos_dom',
                                           'reactive_stores', 'leptos_macro', 'any_spawner', 'either_of',
                                           'throw_error', 'or_poisoned', 'oco_ref', 'next_tuple',
                                           'hydration_context', 'send_wrapper', 'server_fn', 'guardian', 'slotmap'],
    'our code (vm_snapshots)': ['vm_snapshots', 'vm_snapshots_embed'],
    'Rust std (core, alloc, fmt, collections)': ['core', 'alloc', 'std', 'dlmalloc', 'compiler_builtins', 'hashbrown'],
    'serde, serde_json': ['serde', 'serde_json', 'serde_core', 'zmij', 'ryu', 'itoa'],
    'wasm-bindgen, js-sys, web-sys, gloo': ['wasm_bindgen', 'js_sys', 'web_sys', 'gloo_net', 'gloo_timers',
                                            'gloo_utils', 'wasm_bindgen_futures', 'console_error_panic_hook'],
    'chrono': ['chrono'],
    'roxmltree (oVirt XML)': ['roxmltree'],
    'futures': ['futures_util', 'futures_core', 'futures_channel', 'futures_executor', 'futures_task', 'futures'],
}


def rows():
    if len(sys.argv) > 1:
        return list(csv.DictReader(open(sys.argv[1])))
    out = subprocess.run(['twiggy', 'top', '-n', '1000000', '-f', 'csv', WASM], check=True,
                         capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


by_crate = collections.Counter()
for r in rows():
    name, size = r['Name'], int(r['ShallowSize'])
    # Names, wasm-bindgen's describe functions and custom sections do not reach the browser.
    if name.startswith('"') or 'section' in name or 'wbindgen_describe' in name:
        continue
    if name.startswith(('import ', 'export ')):
        continue
    name = re.sub(r'\[[0-9a-f]{16}\]', '', name)
    if name.startswith('data'):
        key = 'data (strings, tables)'
    else:
        m = re.search(r'([A-Za-z_][A-Za-z0-9_]*)::', name)
        key = m.group(1) if m else 'unnamed'
    by_crate[key] += size

total = sum(by_crate.values())
by_group = collections.Counter()
for crate, size in by_crate.items():
    group = next((g for g, crates in GROUPS.items() if crate in crates), None)
    by_group[group or ('other' if crate not in ('data (strings, tables)', 'unnamed') else crate)] += size
for group, size in by_group.most_common():
    print(f'  {size / total * 100:5.1f}%  {group}')
