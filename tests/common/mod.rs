//! Reading the shared samples (`../shared/api-samples/` beside the checkout).

use std::path::PathBuf;

pub fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/api-samples")
}

/// The text of a sample; a missing sample fails the test with the path it looked for.
pub fn sample(rel: &str) -> String {
    let path = samples_dir().join(rel);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read sample {}: {e}", path.display()))
}

#[allow(dead_code)] // used by some of the test crates that include this module
/// A `.txt` sample's body: the lines that are not `//` or `#` comments.
pub fn txt_body(rel: &str) -> String {
    sample(rel)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A VM with the given status and disks, everything else unknown.
#[allow(dead_code)] // used by some of the test crates that include this module
pub fn vm(
    name: &str,
    status: vm_snapshots::model::VmStatus,
    disks: Vec<vm_snapshots::model::VmDisk>,
) -> vm_snapshots::model::Vm {
    let mut vm = vm_snapshots::model::Vm::new(name, name, status);
    vm.disks = disks;
    vm
}
