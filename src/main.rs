fn main() {
    console_error_panic_hook::set_once();
    vm_snapshots::heap::make_room();
    vm_snapshots::app::start();
}
