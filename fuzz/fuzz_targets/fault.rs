//! Error bodies of every service (nova `computeFault`, neutron `NeutronError`, keystone
//! `error`, heat, glance HTML, …) into `Error::Http`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let status = 400 + u16::from(data.first().copied().unwrap_or(0)) % 200;
    let body = data.get(1..).unwrap_or_default();
    if let Some(f) = ferrocloud::fault::parse(body) {
        // Bounded and inert, whatever the body.
        assert!(f.message.len() <= ferrocloud::fault::MAX_MESSAGE_LEN);
        assert!(!f.message.chars().any(char::is_control), "{:?}", f.message);
        let kind = f.kind.unwrap_or_default();
        assert!(kind.len() <= ferrocloud::fault::MAX_KIND_LEN);
        assert!(!kind.chars().any(char::is_control));
    }
    let mut r = ferrocloud_fuzz::resp(status, body);
    r.headers_mut()
        .insert("retry-after", http::HeaderValue::from_static("5"));
    let err = ferrocloud::Error::from_response(&http::Method::GET, "http://h/x", &r);
    let shown = err.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(shown.len() < 1500);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
});
