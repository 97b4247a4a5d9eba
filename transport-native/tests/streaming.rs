//! The native transport's streaming methods against local sockets: chunked uploads,
//! chunk-by-chunk downloads, and the timeouts of the header phase and of stalls.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use ferrocloud::{byte_stream, Transport, TransportError, TransportErrorKind};
use ferrocloud_native::{HyperTransport, NativeOptions};
use futures::{StreamExt, TryStreamExt};
use http::Request;

fn transport(timeout: Duration) -> HyperTransport {
    HyperTransport::new(NativeOptions {
        timeout,
        ..Default::default()
    })
    .unwrap()
}

/// A one-connection server running `serve` on the accepted socket.
fn server(serve: impl FnOnce(TcpStream) + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((conn, _)) = listener.accept() {
            serve(conn);
        }
    });
    format!("http://{addr}/data")
}

fn read_head(conn: &mut TcpStream) -> Vec<u8> {
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && conn.read(&mut b).unwrap_or(0) == 1 {
        head.push(b[0]);
    }
    head
}

fn get(url: &str) -> Request<Bytes> {
    Request::get(url).body(Bytes::new()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn download_arrives_in_chunks() {
    let url = server(|mut conn| {
        read_head(&mut conn);
        conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 196608\r\n\r\n")
            .unwrap();
        for i in 0..3u8 {
            conn.write_all(&vec![i; 65536]).unwrap();
            conn.flush().unwrap();
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    let resp = transport(Duration::from_secs(5))
        .send_for_stream(get(&url))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let chunks: Vec<Bytes> = resp.into_body().try_collect().await.unwrap();
    assert!(chunks.len() >= 3, "{} chunks", chunks.len());
    assert_eq!(chunks.iter().map(Bytes::len).sum::<usize>(), 196608);
    assert_eq!(chunks.last().unwrap().last(), Some(&2));
}

#[tokio::test(flavor = "multi_thread")]
async fn download_times_out_waiting_for_headers_and_on_a_stalled_body() {
    let (hold, held) = mpsc::channel::<()>();
    let url = server(move |mut conn| {
        read_head(&mut conn);
        let _ = held.recv_timeout(Duration::from_secs(10));
    });
    let start = Instant::now();
    let err = match transport(Duration::from_millis(300))
        .send_for_stream(get(&url))
        .await
    {
        Ok(_) => panic!("no headers were sent"),
        Err(e) => e,
    };
    assert_eq!(err.kind, TransportErrorKind::Timeout, "{err}");
    assert!(start.elapsed() < Duration::from_secs(5));
    drop(hold);

    let (hold, held) = mpsc::channel::<()>();
    let url = server(move |mut conn| {
        read_head(&mut conn);
        conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf")
            .unwrap();
        conn.flush().unwrap();
        let _ = held.recv_timeout(Duration::from_secs(10));
    });
    let resp = transport(Duration::from_millis(300))
        .send_for_stream(get(&url))
        .await
        .unwrap();
    let err = resp
        .into_body()
        .try_collect::<Vec<Bytes>>()
        .await
        .unwrap_err();
    assert_eq!(err.kind, TransportErrorKind::Timeout, "{err}");
    drop(hold);
}

#[tokio::test(flavor = "multi_thread")]
async fn upload_is_sent_chunked_as_generated() {
    let (seen_tx, seen_rx) = mpsc::channel::<Vec<u8>>();
    let url = server(move |mut conn| {
        let mut all = read_head(&mut conn);
        let mut buf = [0u8; 8192];
        while !all.ends_with(b"0\r\n\r\n") {
            match conn.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        conn.write_all(b"HTTP/1.1 204 No Content\r\n\r\n").unwrap();
        seen_tx.send(all).unwrap();
    });
    let chunks = futures::stream::iter(
        (0..4).map(|i| Ok::<_, TransportError>(Bytes::from(vec![b'a' + i; 1000]))),
    );
    let req = Request::put(&url).body(byte_stream(chunks)).unwrap();
    let resp = transport(Duration::from_secs(5))
        .send_streaming(req)
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let seen = String::from_utf8(seen_rx.recv().unwrap()).unwrap();
    assert!(
        seen.to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "{seen}"
    );
    for c in ["aaaa", "bbbb", "cccc", "dddd"] {
        assert!(seen.contains(c), "{c} missing");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_upload_times_out() {
    let (hold, held) = mpsc::channel::<()>();
    let url = server(move |mut conn| {
        read_head(&mut conn);
        let _ = held.recv_timeout(Duration::from_secs(10));
    });
    let first = futures::stream::iter([Ok::<_, TransportError>(Bytes::from_static(b"x"))]);
    let stalled = first.chain(futures::stream::pending());
    let req = Request::put(&url).body(byte_stream(stalled)).unwrap();
    let start = Instant::now();
    let err = transport(Duration::from_millis(300))
        .send_streaming(req)
        .await
        .unwrap_err();
    assert_eq!(err.kind, TransportErrorKind::Timeout, "{err}");
    assert!(start.elapsed() < Duration::from_secs(5));
    drop(hold);
}
