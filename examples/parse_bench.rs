//! Parse times of list bodies, natively: `cargo run --release --example parse_bench -- FORMAT FILE…`
//! where FORMAT is `ovirt-xml`, `ovirt-json` or `kubevirt`. Prints one line per file.

use std::time::Instant;
use vm_snapshots::api::kubevirt::{self, map, types};
use vm_snapshots::api::ovirt;
use vm_snapshots::config::Format;

fn main() {
    let mut args = std::env::args().skip(1);
    let format = args.next().expect("usage: parse_bench FORMAT FILE…");
    for file in args {
        let body = std::fs::read_to_string(&file).expect("readable file");
        let runs = 5;
        let start = Instant::now();
        let mut count = 0;
        for _ in 0..runs {
            count = match format.as_str() {
                "ovirt-xml" => ovirt::parse_snapshots(Format::Xml, &file, &body)
                    .unwrap()
                    .len(),
                "ovirt-json" => ovirt::parse_snapshots(Format::Json, &file, &body)
                    .unwrap()
                    .len(),
                "kubevirt" => {
                    let list: types::List<types::VirtualMachineSnapshot> =
                        kubevirt::parse(&file, &body).unwrap();
                    list.items
                        .iter()
                        .filter(|s| map::belongs_to(s, "archive-vm"))
                        .map(map::snapshot)
                        .count()
                }
                other => panic!("unknown format {other}"),
            };
        }
        let per_run = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "parse {format:<10} {count:>5} snapshots, {:>7.1} KiB: {per_run:.1} ms",
            body.len() as f64 / 1024.0
        );
    }
}
