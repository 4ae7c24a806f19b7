// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// The importer reads and merges rows on two threads; mimalloc keeps that
// faster than one, where the system allocator did not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    partnerly_app::run();
}
