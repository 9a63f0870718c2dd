//! A local SMTP sink: a real SMTP server (the protocol's happy path) that keeps every message
//! it is given, so tests can read the emails Recordwell sends.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A running sink.
#[derive(Clone)]
pub struct Sink {
    pub port: u16,
    messages: Arc<Mutex<Vec<String>>>,
}

impl Sink {
    pub async fn start() -> Sink {
        Sink::start_on(0).await
    }

    /// A sink on a given port (0 for any), e.g. a mail server coming back up.
    pub async fn start_on(port: u16) -> Sink {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let messages = Arc::new(Mutex::new(vec![]));
        let store = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, store.clone()));
            }
        });
        Sink { port, messages }
    }

    /// Every message received so far (headers and body, as sent).
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }

    /// Waits up to five seconds for a message to `to`, and returns it.
    pub async fn wait_for(&self, to: &str) -> String {
        for _ in 0..100 {
            if let Some(m) = self.messages().into_iter().rev().find(|m| m.contains(to)) {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no email to {to} arrived; got {:?}", self.messages());
    }
}

async fn session(stream: tokio::net::TcpStream, store: Arc<Mutex<Vec<String>>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let _ = write.write_all(b"220 sink.test ESMTP\r\n").await;
    let mut data: Option<String> = None;
    while let Ok(Some(line)) = lines.next_line().await {
        if let Some(buf) = data.as_mut() {
            if line == "." {
                store.lock().unwrap().push(std::mem::take(buf));
                data = None;
                let _ = write.write_all(b"250 queued\r\n").await;
            } else {
                buf.push_str(line.strip_prefix('.').unwrap_or(&line));
                buf.push('\n');
            }
            continue;
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250 8BITMIME\r\n",
            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 ok\r\n",
            "DATA" => {
                data = Some(String::new());
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            }
            _ => b"502 not implemented\r\n",
        };
        let _ = write.write_all(reply).await;
    }
}
