//! Parses arbitrary text as a config file: an error is fine, a panic is not. The error message
//! must be printable too.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readme_lint::config::Origin;
use readme_lint::config::load::parse_config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = parse_config(text, &Origin::CommandLine) {
        let _ = error.to_string();
    }
});
