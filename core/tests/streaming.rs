//! `Service::upload` / `Service::download` over the in-memory transport: token, headers,
//! chunks, typed errors, the one reauthentication of downloads and none for uploads.

use bytes::Bytes;
use ferrocloud::image::images;
use ferrocloud::testing::{MockResponse, MockTransport};
use ferrocloud::{byte_stream, AuthOptions, Client, TransportError};
use futures::executor::block_on;
use futures::TryStreamExt;
use http::Method;

const FILE: &str = "/v2/images/i1/file";

fn client() -> (MockTransport, Client<MockTransport>) {
    let mock = MockTransport::new();
    mock.keystone("http://keystone/v3", "http://nova/v2.1");
    mock.set_catalog(vec![
        ("identity", "http://keystone/v3".into()),
        ("image", "http://glance:9292".into()),
    ]);
    let auth = AuthOptions::password("http://keystone/v3", "u", "Default", "pw").project_id("p");
    let client = Client::new(mock.clone(), &auth).unwrap();
    (mock, client)
}

fn chunks() -> ferrocloud::ByteStream {
    byte_stream(futures::stream::iter(
        ["ab", "cd", "e"].map(|s| Ok::<_, TransportError>(Bytes::from_static(s.as_bytes()))),
    ))
}

#[test]
fn upload_sends_the_chunks_with_token_and_content_type() {
    let (mock, client) = client();
    mock.on(Method::PUT, FILE, MockResponse::status(204));
    block_on(client.image().upload(&images::upload("i1"), chunks())).unwrap();
    let put = mock
        .requests()
        .into_iter()
        .find(|r| r.method == Method::PUT)
        .unwrap();
    assert_eq!(put.uri, "http://glance:9292/v2/images/i1/file");
    assert_eq!(put.body.as_ref(), b"abcde");
    assert_eq!(put.header("content-type"), Some("application/octet-stream"));
    assert_eq!(put.header("x-auth-token"), Some("mock-token-1"));
}

#[test]
fn upload_401_is_typed_and_not_replayed() {
    let (mock, client) = client();
    mock.on_seq(
        Method::PUT,
        FILE,
        vec![
            MockResponse::json(401, r#"{"error": {"message": "expired"}}"#),
            MockResponse::status(204),
        ],
    );
    let err = block_on(client.image().upload(&images::upload("i1"), chunks())).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(mock.count(&Method::PUT, FILE), 1);
    // The rejected token is dropped: the next call authenticates again.
    block_on(client.image().upload(&images::upload("i1"), chunks())).unwrap();
    assert_eq!(mock.count(&Method::POST, "/v3/auth/tokens"), 2);
}

#[test]
fn upload_refuses_bad_input_before_io() {
    let (mock, client) = client();
    let err = block_on(client.image().upload(&images::upload(".."), chunks())).unwrap_err();
    assert!(matches!(err, ferrocloud::Error::InvalidInput(_)), "{err}");
    assert_eq!(mock.count(&Method::PUT, "/v2/images/../file"), 0);
}

#[test]
fn download_streams_reauthenticates_once_and_types_errors() {
    let (mock, client) = client();
    mock.on_seq(
        Method::GET,
        FILE,
        vec![
            MockResponse::status(401),
            MockResponse::status(200).body("payload"),
        ],
    );
    let data: Vec<Bytes> = block_on(async {
        client
            .image()
            .download(&images::download("i1"))
            .await?
            .try_collect()
            .await
            .map_err(ferrocloud::Error::from)
    })
    .unwrap();
    assert_eq!(data.concat(), b"payload");
    assert_eq!(mock.count(&Method::GET, FILE), 2);
    assert_eq!(mock.count(&Method::POST, "/v3/auth/tokens"), 2);
    let get = mock
        .requests()
        .into_iter()
        .rfind(|r| r.method == Method::GET)
        .unwrap();
    assert_eq!(get.header("accept"), Some("application/octet-stream"));

    mock.on(
        Method::GET,
        "/v2/images/gone/file",
        MockResponse::status(404).body("404 Not Found\n\nNo image found with ID gone\n\n   "),
    );
    let err = match block_on(client.image().download(&images::download("gone"))) {
        Ok(_) => panic!("a 404 was streamed"),
        Err(e) => e,
    };
    assert!(err.is_not_found(), "{err}");
    assert!(err.to_string().contains("No image found"), "{err}");
}
