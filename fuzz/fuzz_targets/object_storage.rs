//! Object storage (Swift): JSON listings (bare arrays paged by marker), the readers of
//! account, container and object headers, metadata decoding, bulk reports and SLO
//! manifests. Input: header lines (`name: value`) up to the first empty line, then the
//! body.
#![no_main]
use bytes::Bytes;
use ferrocloud::object_storage::accounts::Account;
use ferrocloud::object_storage::containers::{self, Container};
use ferrocloud::object_storage::objects::{self, ObjectInfo, Uploaded};
use ferrocloud::object_storage::{
    bulk, decode_value, encode_value, large_objects, metadata_from_headers,
};
use ferrocloud::{Operation, ServiceType};
use ferrocloud_fuzz::list;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.windows(2).position(|w| w == b"\n\n");
    let (head, body) = match split {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (&[][..], data),
    };
    let mut headers = http::HeaderMap::new();
    for line in head.split(|b| *b == b'\n') {
        let Some(colon) = line.iter().position(|b| *b == b':') else {
            continue;
        };
        let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(&line[..colon]),
            http::HeaderValue::from_bytes(line[colon + 1..].trim_ascii()),
        ) else {
            continue;
        };
        headers.append(name, value);
    }

    let k = ServiceType::OBJECT_STORE;
    list(objects::list("c", &Default::default()), k, body);
    list(containers::list(&Default::default()), k, body);

    let _ = Account::from_headers(&headers);
    let _ = Container::from_headers(&headers);
    let _ = ObjectInfo::from_headers(&headers);
    let _ = Uploaded::from_headers(&headers);
    for prefix in ["x-object-meta-", "x-container-meta-", "x-account-meta-"] {
        let _ = metadata_from_headers(&headers, prefix);
    }

    let mut resp = http::Response::new(Bytes::copy_from_slice(body));
    *resp.headers_mut() = headers;
    let _ = objects::download("c", "o", &Default::default()).parse(resp.clone());
    let _ = objects::get("c", "o").parse(resp.clone());
    let _ = large_objects::get_manifest("c", "o").parse(resp.clone());
    let _ = large_objects::delete_with_segments("c", "o").parse(resp.clone());
    let _ = bulk::delete(&[("c", Some("o"))]).parse(resp.clone());
    let _ = bulk::extract_archive(None, bulk::ArchiveFormat::Tar).parse(resp);

    // Whatever the text, a metadata value survives a trip through a header.
    let _ = decode_value(head);
    let text = String::from_utf8_lossy(body);
    let encoded = encode_value(&text);
    assert_eq!(decode_value(encoded.as_bytes()), text);
});
