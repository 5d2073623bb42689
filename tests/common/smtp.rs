//! A real SMTP server on loopback for the mail delivery tests: it speaks
//! enough ESMTP for a client (EHLO, STARTTLS with rustls, AUTH PLAIN/LOGIN,
//! MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every message it accepts, and
//! answers the end of each message's DATA as the test scripted it: accept,
//! a reply code (451, 550), or a connection dropped in the middle of DATA.
//! Each connection is served on a thread of its own, so concurrent clients
//! are served concurrently.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How the server answers the end of one message's DATA.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 250 with a queue id.
    Accept,
    /// This reply instead (`"451 4.3.0 try later"`, `"550 5.1.1 no such user"`).
    Code(&'static str),
    /// Close the connection after the first line of the message, no reply.
    DropInData,
}

/// A message the server accepted.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (dot-unstuffed, CRLF line ends).
    pub data: Vec<u8>,
    pub queue_id: String,
    pub tls: bool,
    /// When the server accepted it (after its delay), on both clocks.
    pub at: std::time::Instant,
    pub wall: std::time::SystemTime,
}

#[derive(Default)]
struct State {
    script: VecDeque<Reply>,
    received: Vec<Received>,
    /// Every login (user, password) the server was given.
    logins: Vec<(String, String)>,
    /// Messages that got an answer other than Accept.
    refused: usize,
    queued: u64,
}

pub struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Plain SMTP (no STARTTLS offered).
    pub fn start() -> Server {
        Server::start_with(None, Duration::ZERO)
    }

    /// A server that offers STARTTLS with this configuration.
    pub fn with_tls(tls: Arc<rustls::ServerConfig>) -> Server {
        Server::start_with(Some(tls), Duration::ZERO)
    }

    /// A server that takes `delay` to answer each message (so that
    /// concurrent clients overlap).
    pub fn slow(delay: Duration) -> Server {
        Server::start_with(None, delay)
    }

    fn start_with(tls: Option<Arc<rustls::ServerConfig>>, delay: Duration) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let state = state.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let state = state.clone();
                    let tls = tls.clone();
                    std::thread::spawn(move || {
                        let _ = Session::new(stream, state, tls, delay).run();
                    });
                }
            })
        };
        Server {
            addr,
            state,
            stop,
            accept: Some(accept),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Answer the next messages' DATA with these replies, in order; after
    /// them, accept.
    pub fn script(&self, replies: &[Reply]) {
        self.state
            .lock()
            .unwrap()
            .script
            .extend(replies.iter().cloned());
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    pub fn logins(&self) -> Vec<(String, String)> {
        self.state.lock().unwrap().logins.clone()
    }

    /// Messages answered with something other than Accept.
    pub fn refused(&self) -> usize {
        self.state.lock().unwrap().refused
    }

    /// Stop listening: new connections are refused from now on.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop, which then drops the listener.
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
    Gone,
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Gone => Ok(0),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            Stream::Gone => Err(std::io::ErrorKind::BrokenPipe.into()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
            Stream::Gone => Ok(()),
        }
    }
}

struct Session {
    stream: Stream,
    state: Arc<Mutex<State>>,
    tls: Option<Arc<rustls::ServerConfig>>,
    delay: Duration,
    from: String,
    to: Vec<String>,
}

impl Session {
    fn new(
        stream: TcpStream,
        state: Arc<Mutex<State>>,
        tls: Option<Arc<rustls::ServerConfig>>,
        delay: Duration,
    ) -> Session {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        Session {
            stream: Stream::Plain(stream),
            state,
            tls,
            delay,
            from: String::new(),
            to: Vec::new(),
        }
    }

    /// One reply line, in one write: a line written in two pieces waits
    /// for the client's delayed ACK between them (Nagle), 40 ms a reply,
    /// which no real relay costs its clients.
    fn say(&mut self, line: &str) -> std::io::Result<()> {
        self.stream.write_all(format!("{line}\r\n").as_bytes())?;
        self.stream.flush()
    }

    /// One line without its CRLF; `None` at the end of the stream.
    fn line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            match self.stream.read(&mut byte) {
                Ok(0) => return Ok((!line.is_empty()).then_some(line)),
                Ok(_) => {
                    line.push(byte[0]);
                    if line.ends_with(b"\r\n") {
                        line.truncate(line.len() - 2);
                        return Ok(Some(line));
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn encrypted(&self) -> bool {
        matches!(self.stream, Stream::Tls(_))
    }

    fn run(mut self) -> std::io::Result<()> {
        self.say("220 test.invalid ESMTP acctsec-test")?;
        while let Some(line) = self.line()? {
            let text = String::from_utf8_lossy(&line).to_string();
            let upper = text.to_ascii_uppercase();
            if upper.starts_with("EHLO") {
                let mut lines = vec!["250-test.invalid", "250-8BITMIME", "250-AUTH PLAIN LOGIN"];
                if self.tls.is_some() && !self.encrypted() {
                    lines.push("250-STARTTLS");
                }
                lines.push("250 SIZE 10000000");
                for l in lines {
                    self.say(l)?;
                }
            } else if upper.starts_with("HELO") {
                self.say("250 test.invalid")?;
            } else if upper == "STARTTLS" && self.tls.is_some() && !self.encrypted() {
                self.say("220 2.0.0 ready to start TLS")?;
                let Stream::Plain(tcp) = std::mem::replace(&mut self.stream, Stream::Gone) else {
                    unreachable!()
                };
                let conn = rustls::ServerConnection::new(self.tls.clone().unwrap()).unwrap();
                let mut tls = rustls::StreamOwned::new(conn, tcp);
                // Finish the handshake now: a client that refuses the
                // certificate ends the session here.
                while tls.conn.is_handshaking() {
                    if tls.conn.complete_io(&mut tls.sock).is_err() {
                        return Ok(());
                    }
                }
                self.stream = Stream::Tls(Box::new(tls));
            } else if upper.starts_with("AUTH PLAIN") {
                let arg = text[10..].trim().to_string();
                let arg = if arg.is_empty() {
                    self.say("334 ")?;
                    String::from_utf8_lossy(&self.line()?.unwrap_or_default()).to_string()
                } else {
                    arg
                };
                let raw = b64(&arg);
                let parts: Vec<&[u8]> = raw.split(|b| *b == 0).collect();
                if parts.len() == 3 {
                    self.state.lock().unwrap().logins.push((
                        String::from_utf8_lossy(parts[1]).into(),
                        String::from_utf8_lossy(parts[2]).into(),
                    ));
                }
                self.say("235 2.7.0 Authentication successful")?;
            } else if upper.starts_with("AUTH LOGIN") {
                self.say("334 VXNlcm5hbWU6")?;
                let user = b64(&String::from_utf8_lossy(&self.line()?.unwrap_or_default()));
                self.say("334 UGFzc3dvcmQ6")?;
                let pass = b64(&String::from_utf8_lossy(&self.line()?.unwrap_or_default()));
                self.state.lock().unwrap().logins.push((
                    String::from_utf8_lossy(&user).into(),
                    String::from_utf8_lossy(&pass).into(),
                ));
                self.say("235 2.7.0 Authentication successful")?;
            } else if upper.starts_with("MAIL FROM:") {
                self.from = angle(&text[10..]);
                self.to.clear();
                self.say("250 2.1.0 Ok")?;
            } else if upper.starts_with("RCPT TO:") {
                self.to.push(angle(&text[8..]));
                self.say("250 2.1.5 Ok")?;
            } else if upper == "DATA" {
                self.data()?;
            } else if upper == "RSET" {
                self.from.clear();
                self.to.clear();
                self.say("250 2.0.0 Ok")?;
            } else if upper == "NOOP" {
                self.say("250 2.0.0 Ok")?;
            } else if upper == "QUIT" {
                self.say("221 2.0.0 Bye")?;
                return Ok(());
            } else {
                self.say("500 5.5.2 unknown command")?;
            }
        }
        Ok(())
    }

    fn data(&mut self) -> std::io::Result<()> {
        let reply = self
            .state
            .lock()
            .unwrap()
            .script
            .pop_front()
            .unwrap_or(Reply::Accept);
        self.say("354 End data with <CR><LF>.<CR><LF>")?;
        let mut data = Vec::new();
        let mut first = true;
        loop {
            let Some(line) = self.line()? else {
                return Ok(());
            };
            if first && matches!(reply, Reply::DropInData) {
                self.state.lock().unwrap().refused += 1;
                // Dropped mid-message: the client gets no reply.
                if let Stream::Plain(s) = &self.stream {
                    let _ = s.shutdown(std::net::Shutdown::Both);
                }
                self.stream = Stream::Gone;
                return Ok(());
            }
            first = false;
            if line == b"." {
                break;
            }
            let line = line.strip_prefix(b".").unwrap_or(&line);
            data.extend_from_slice(line);
            data.extend_from_slice(b"\r\n");
        }
        if !self.delay.is_zero() {
            std::thread::sleep(self.delay);
        }
        match reply {
            Reply::Accept => {
                let id = {
                    let mut st = self.state.lock().unwrap();
                    st.queued += 1;
                    let id = format!("Q{:05}", st.queued);
                    st.received.push(Received {
                        from: self.from.clone(),
                        to: self.to.clone(),
                        data,
                        queue_id: id.clone(),
                        tls: self.encrypted(),
                        at: std::time::Instant::now(),
                        wall: std::time::SystemTime::now(),
                    });
                    id
                };
                self.say(&format!("250 2.0.0 Ok: queued as {id}"))
            }
            Reply::Code(text) => {
                self.state.lock().unwrap().refused += 1;
                self.say(text)
            }
            Reply::DropInData => unreachable!(),
        }
    }
}

fn angle(s: &str) -> String {
    let s = s.trim();
    let end = s.find('>').map_or(s.len(), |i| i + 1);
    s[..end]
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string()
}

fn b64(s: &str) -> Vec<u8> {
    use base64ct::{Base64, Encoding};
    Base64::decode_vec(s.trim()).unwrap_or_default()
}

/// A test CA and a certificate for 127.0.0.1 it signed.
pub struct TestPki {
    /// The CA certificate (PEM), for `ca_file`.
    pub ca_pem: String,
    pub server: Arc<rustls::ServerConfig>,
}

impl TestPki {
    pub fn new() -> TestPki {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "acctsec test CA");
        let ca_cert = ca_params.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca_params, ca_key);
        let key = KeyPair::generate().unwrap();
        let params = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        let cert = params.signed_by(&key, &issuer).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone(), ca_cert.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
            )
            .unwrap();
        TestPki {
            ca_pem: ca_cert.pem(),
            server: Arc::new(server),
        }
    }
}
