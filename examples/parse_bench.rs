//! Parse times of list bodies, natively: `cargo run --release --example parse_bench -- FORMAT FILE…`
//! where FORMAT is `ovirt-xml`, `ovirt-json`, `kubevirt` (the list parsed whole) or
//! `kubevirt-watch` (as the tab reads a watched list: split into its items, then the VM's items
//! parsed one by one). Prints one line per file, then the same list repeated 4 and 16 times, in
//! milliseconds per MiB: a reader that is linear in its input keeps that figure flat.

use serde_json::Value;
use std::time::Instant;
use vm_snapshots::api::kubevirt::types::Object;
use vm_snapshots::api::kubevirt::{self, map, types};
use vm_snapshots::api::ovirt;
use vm_snapshots::config::Format;

/// Parses `body` `runs` times; the snapshots read and the milliseconds per run.
fn time(format: &str, file: &str, body: &str, runs: u32) -> (usize, f64) {
    let start = Instant::now();
    let mut count = 0;
    for _ in 0..runs {
        count = match format {
            "ovirt-xml" => ovirt::parse_snapshots(Format::Xml, file, body)
                .unwrap()
                .len(),
            "ovirt-json" => ovirt::parse_snapshots(Format::Json, file, body)
                .unwrap()
                .len(),
            "kubevirt" => {
                let list: types::List<types::VirtualMachineSnapshot> =
                    kubevirt::parse(file, body).unwrap();
                list.items
                    .iter()
                    .filter(|s| map::belongs_to(s, "archive-vm"))
                    .map(map::snapshot)
                    .count()
            }
            "kubevirt-watch" => {
                let (_, items) = kubevirt::watch::split_list(std::rc::Rc::from(body)).unwrap();
                items
                    .iter()
                    .filter(|text| kubevirt::may_be_taken_of(text, "archive-vm"))
                    .map(|text| types::VirtualMachineSnapshot::parse(text).unwrap())
                    .filter(|s| map::belongs_to(s, "archive-vm"))
                    .map(|s| map::snapshot(&s))
                    .collect::<Vec<_>>()
                    .len()
            }
            other => panic!("unknown format {other}"),
        };
    }
    (count, start.elapsed().as_secs_f64() * 1000.0 / runs as f64)
}

/// The list's items repeated `n` times.
fn repeated(format: &str, body: &str, n: usize) -> String {
    if format == "ovirt-xml" {
        let open = body
            .find("<snapshots")
            .and_then(|i| body[i..].find('>').map(|j| i + j + 1));
        let close = body.rfind("</snapshots>");
        let (Some(open), Some(close)) = (open, close) else {
            panic!("not a <snapshots> body")
        };
        return format!(
            "{}{}{}",
            &body[..open],
            body[open..close].repeat(n),
            &body[close..]
        );
    }
    let mut v: Value = serde_json::from_str(body).unwrap();
    let key = if format.starts_with("kubevirt") {
        "items"
    } else {
        "snapshot"
    };
    if let Some(Value::Array(list)) = v.get_mut(key) {
        let one = list.clone();
        for _ in 1..n {
            list.extend(one.iter().cloned());
        }
    }
    v.to_string()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let format = args.next().expect("usage: parse_bench FORMAT FILE…");
    for file in args {
        let body = std::fs::read_to_string(&file).expect("readable file");
        let (count, ms) = time(&format, &file, &body, 5);
        let mib = body.len() as f64 / (1024.0 * 1024.0);
        println!(
            "parse {format:<10} {count:>5} snapshots, {:>7.1} KiB: {ms:.1} ms",
            body.len() as f64 / 1024.0
        );
        let mut scaling = vec![format!("{:.1} ms/MiB", ms / mib)];
        for n in [4, 16] {
            let big = repeated(&format, &body, n);
            let (_, ms) = time(&format, &file, &big, 3);
            let mib = big.len() as f64 / (1024.0 * 1024.0);
            scaling.push(format!("x{n} ({mib:.1} MiB) {:.1} ms/MiB", ms / mib));
        }
        println!(
            "      {format:<10} linear in the input: x1 {}",
            scaling.join(", ")
        );
    }
}
