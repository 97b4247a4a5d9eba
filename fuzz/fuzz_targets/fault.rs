//! Error bodies of every service (nova `computeFault`, neutron `NeutronError`, keystone
//! `error`, heat, glance HTML, …) into `Error::Http`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let status = 400 + u16::from(data.first().copied().unwrap_or(0)) % 200;
    let body = data.get(1..).unwrap_or_default();
    let _ = ferrocloud::fault::parse(body);
    let mut r = ferrocloud_fuzz::resp(status, body);
    r.headers_mut()
        .insert("retry-after", http::HeaderValue::from_static("5"));
    let err = ferrocloud::Error::from_response(&http::Method::GET, "http://h/x", &r);
    let _ = err.to_string();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
});
