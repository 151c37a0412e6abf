//! Room in the wasm's memory, made once when the page starts.
//!
//! The wasm's memory starts at about 1.25 MiB and grows as the heap needs it, a few pages at a
//! time: opening the 2,000-snapshot VM's tab grew it to 10 MiB (KubeVirt) or 13 MiB (oVirt JSON)
//! in 70 to 105 steps, all within the task that reads the list and draws the first table, one of
//! them taking 12 ms in Chromium's trace. Growing it once at start, while the page waits for its
//! first reads, leaves no growing for that task. The memory is the allocator's from then on
//! (a wasm memory never shrinks); pages that are never written cost address space, not RAM.
//! Measured against not growing it (interleaved, medians of 9–11, first table): the KubeVirt
//! archive 38–55 ms sooner in three runs; oVirt JSON and a small VM level within the noise.

/// What the heap is given at start.
pub const START_BYTES: usize = 16 << 20;

/// Grows the heap by [`START_BYTES`] at once: the allocator keeps what it asked the memory for,
/// and hands it out again after the block is freed.
pub fn make_room() {
    drop(std::hint::black_box(Vec::<u8>::with_capacity(START_BYTES)));
}
