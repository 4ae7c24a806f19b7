//! Any bytes at all, read as a table the way a dropped file is: the reader
//! may refuse them, never crash on them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = partnerly_core::import::run::read_bytes(bytes);
});
