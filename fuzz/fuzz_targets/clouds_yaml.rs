//! clouds.yaml, secure.yaml and clouds-public.yaml (separated by NUL bytes, each optional
//! after the first) into a cloud configuration: parsing, bounds, the secure.yaml merge and
//! the profile merge. Never a panic; never the files' text in `Debug`.
#![no_main]
use ferrocloud::config::{self, CloudsFiles};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let clouds = parts.next().unwrap_or_default();
    let secure = parts.next();
    let public = parts.next();
    let files = CloudsFiles {
        clouds,
        secure,
        public,
    };
    // Debug shows sizes, never contents.
    let shown = format!("{files:?}");
    assert!(shown.len() < 200, "{shown}");
    for name in ["x", "a", "oscloud-demo", "devstack"] {
        if let Ok(cfg) = config::from_clouds_yaml(files, name) {
            let _ = cfg.auth.validate();
            let _ = cfg.client_options();
            let shown = format!("{cfg:?}");
            if let Some(pw) = cfg.auth.password.as_ref().map(|p| p.expose()) {
                // A long, distinctive password never shows (short ones may match anything).
                if pw.len() >= 12 && pw.chars().all(|c| c.is_ascii_alphanumeric()) {
                    assert!(!shown.contains(pw), "password in Debug");
                }
            }
        }
    }
});
