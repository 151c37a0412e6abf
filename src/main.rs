fn main() {
    vm_snapshots::stopped::install(vm_snapshots::context::STANDALONE_LAYER);
    vm_snapshots::stopped::on_traps(vm_snapshots::context::STANDALONE_LAYER);
    vm_snapshots::heap::make_room();
    vm_snapshots::app::start();
}
