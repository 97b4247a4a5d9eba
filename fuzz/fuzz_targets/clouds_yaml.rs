//! clouds.yaml (+ secure.yaml after a NUL byte) into a cloud configuration.
#![no_main]
use ferrocloud::config::{self, CloudsFiles};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (clouds, secure) = match text.split_once('\0') {
        Some((c, s)) => (c, Some(s)),
        None => (text, None),
    };
    for name in ["x", "oscloud-demo", "devstack"] {
        if let Ok(cfg) = config::from_clouds_yaml(
            CloudsFiles {
                clouds,
                secure,
                public: None,
            },
            name,
        ) {
            let _ = cfg.auth.validate();
            let _ = cfg.client_options();
            let _ = format!("{cfg:?}");
        }
    }
});
