//! The SMTP side of `notify send`: one connection to the broker's relay
//! (`[smtp]` of the configuration), the notices written as mail (UTF-8 with
//! encoded-word headers, or ISO-2022-JP for the mobile carriers' domains,
//! see [`crate::notify::mail`]), and the relay's replies sorted into sent,
//! deferred and failed. lettre speaks SMTP, TLS is rustls (with ring).
//!
//! No ledger here: the caller claims notices, hands each to [`Relay::send`]
//! and records what came back.

use std::time::{Duration, SystemTime};

use lettre::Address;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, Message, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use zeroize::Zeroizing;

use crate::config::{SmtpConfig, TlsMode};
use crate::notify::mail::{Charset, date_header, encode_jis, encoded_words};

/// How long one network step (connect, a command, the message) may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One notice as mail.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub message_id: &'a str,
    pub date: SystemTime,
}

/// Why the relay could not be used at all.
#[derive(Debug)]
pub enum ConnectError {
    /// No connection (refused, no route, timed out, dropped at once).
    Network(String),
    /// The TLS handshake failed (the certificate is not trusted: `ca_file`),
    /// or the relay offers no STARTTLS.
    Tls(String),
    /// The relay refused the username and password.
    Auth(String),
    /// `ca_file` cannot be read or holds no certificate.
    CaFile(String),
}

impl ConnectError {
    /// What went wrong, as the network, TLS or the relay said it.
    pub fn detail(&self) -> &str {
        match self {
            ConnectError::Network(d)
            | ConnectError::Tls(d)
            | ConnectError::Auth(d)
            | ConnectError::CaFile(d) => d,
        }
    }
}

/// What the relay made of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx: its reply (the relay's queue id).
    Sent(String),
    /// 4xx, or the connection dropped during the exchange.
    Deferred(String),
    /// 5xx, or a message no relay would take (a malformed address).
    Failed(String),
}

/// An open connection to the relay.
pub struct Relay {
    cfg: SmtpConfig,
    hello: ClientId,
    tls: Option<TlsParameters>,
    /// The login, kept zeroized; lettre's `Credentials` (which is not) is
    /// made for each login and dropped right after it.
    login: Option<(String, Zeroizing<String>)>,
    conn: Option<SmtpConnection>,
}

impl Relay {
    /// Connect (and STARTTLS, and log in) to the relay.
    pub fn connect(
        cfg: &SmtpConfig,
        password: Option<Zeroizing<String>>,
    ) -> Result<Relay, ConnectError> {
        let tls = match cfg.tls {
            TlsMode::None => None,
            TlsMode::Starttls | TlsMode::Tls => Some(tls_parameters(cfg)?),
        };
        let login = match (&cfg.username, password) {
            (Some(u), Some(p)) => Some((u.clone(), p)),
            _ => None,
        };
        let mut relay = Relay {
            cfg: cfg.clone(),
            hello: ClientId::default(),
            tls,
            login,
            conn: None,
        };
        relay.reconnect()?;
        Ok(relay)
    }

    fn reconnect(&mut self) -> Result<(), ConnectError> {
        if let Some(mut old) = self.conn.take() {
            old.abort();
        }
        let wrapped = match self.cfg.tls {
            TlsMode::Tls => self.tls.as_ref(),
            _ => None,
        };
        let mut conn = SmtpConnection::connect(
            (self.cfg.host.as_str(), self.cfg.port),
            Some(TIMEOUT),
            &self.hello,
            wrapped,
            None,
        )
        .map_err(connect_error)?;
        if self.cfg.tls == TlsMode::Starttls {
            let Some(tls) = self.tls.as_ref() else {
                return Err(ConnectError::Tls("no TLS parameters".into()));
            };
            if !conn.can_starttls() {
                conn.abort();
                return Err(ConnectError::Tls(
                    "the relay does not offer STARTTLS (tls = \"starttls\")".into(),
                ));
            }
            conn.starttls(tls, &self.hello).map_err(connect_error)?;
        }
        if let Some((user, password)) = &self.login {
            let c = Credentials::new(user.clone(), password.as_str().to_string());
            conn.auth(&[Mechanism::Plain, Mechanism::Login], &c)
                .map_err(|e| {
                    if e.is_permanent() || e.is_client() {
                        ConnectError::Auth(e.to_string())
                    } else {
                        connect_error(e)
                    }
                })?;
        }
        self.conn = Some(conn);
        Ok(())
    }

    /// Send one message. A connection broken by an earlier reply is opened
    /// again first; `Err` when that fails (the relay is gone).
    pub fn send(&mut self, m: &Outgoing) -> Result<Outcome, ConnectError> {
        let message = match self.compose(m) {
            Ok(msg) => msg,
            Err(why) => return Ok(Outcome::Failed(why)),
        };
        if self.conn.as_ref().is_none_or(SmtpConnection::has_broken) {
            self.reconnect()?;
        }
        let Some(conn) = self.conn.as_mut() else {
            return Err(ConnectError::Network("not connected".into()));
        };
        let outcome = match transmit(conn, message.envelope(), &message.formatted()) {
            Ok(reply) => Outcome::Sent(reply_text(reply.code().to_string(), reply.message())),
            Err(e) if e.is_permanent() => Outcome::Failed(e.to_string()),
            Err(e) => Outcome::Deferred(e.to_string()),
        };
        if !matches!(outcome, Outcome::Sent(_)) {
            // lettre closes the connection after an error reply.
            if let Some(mut c) = self.conn.take() {
                c.abort();
            }
        }
        Ok(outcome)
    }

    /// Say goodbye (errors ignored: everything was recorded already).
    pub fn quit(mut self) {
        if let Some(mut c) = self.conn.take() {
            let _ = c.quit();
        }
    }

    /// The message for `m`, or why no relay would take it.
    fn compose(&self, m: &Outgoing) -> Result<Message, String> {
        let to: Address =
            m.to.parse()
                .map_err(|e| format!("invalid recipient address: {e}"))?;
        let from: Mailbox = self
            .cfg
            .from
            .parse()
            .map_err(|e| format!("invalid [smtp] from: {e}"))?;
        let charset = Charset::for_address(m.to, &self.cfg.iso2022jp_domains);
        let mut b = Message::builder()
            .from(from.clone())
            .to(Mailbox::new(None, to))
            .message_id(Some(m.message_id.to_string()))
            .date(m.date);
        let reply_to = match &self.cfg.reply_to {
            Some(r) => Some(
                r.parse::<Mailbox>()
                    .map_err(|e| format!("invalid [smtp] reply_to: {e}"))?,
            ),
            None => None,
        };
        if let Some(r) = &reply_to {
            b = b.reply_to(r.clone());
        }
        let mut msg = match charset {
            Charset::Utf8 => b
                .subject(m.subject)
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .header(ContentTransferEncoding::Base64)
                        .body(m.body.to_string()),
                )
                .map_err(|e| e.to_string())?,
            Charset::Iso2022Jp => b
                .subject("")
                .singlepart(
                    SinglePart::builder()
                        .header(
                            ContentType::parse("text/plain; charset=ISO-2022-JP")
                                .map_err(|e| e.to_string())?,
                        )
                        .body(jis_body(m.body)),
                )
                .map_err(|e| e.to_string())?,
        };
        // lettre writes the date in UTC; the customer's clock says JST.
        let date = date_header(chrono::DateTime::<chrono::Utc>::from(m.date));
        msg.headers_mut()
            .insert_raw(HeaderValue::dangerous_new_pre_encoded(
                HeaderName::new_from_ascii_str("Date"),
                date.clone(),
                date,
            ));
        if charset == Charset::Iso2022Jp {
            // lettre writes headers in UTF-8: these three are written here.
            let h = msg.headers_mut();
            h.insert_raw(HeaderValue::dangerous_new_pre_encoded(
                HeaderName::new_from_ascii_str("Subject"),
                m.subject.to_string(),
                encoded_words(m.subject, charset),
            ));
            h.insert_raw(HeaderValue::dangerous_new_pre_encoded(
                HeaderName::new_from_ascii_str("From"),
                self.cfg.from.clone(),
                jis_mailbox(&from),
            ));
            if let Some(r) = &reply_to {
                h.insert_raw(HeaderValue::dangerous_new_pre_encoded(
                    HeaderName::new_from_ascii_str("Reply-To"),
                    r.to_string(),
                    jis_mailbox(r),
                ));
            }
        }
        Ok(msg)
    }
}

/// The longest line RFC 5322 (2.1.1) allows, in octets, without its CRLF.
const MAX_LINE_OCTETS: usize = 998;

/// An ISO-2022-JP body: 7bit as the carriers expect, unless a line would
/// pass 998 octets (every switch between ASCII and kanji costs 6 octets of
/// escapes, so 200 characters of mixed text can get there); then base64,
/// whose lines are 76 octets, so that no relay cuts or refuses the message.
fn jis_body(text: &str) -> Body {
    let bytes = encode_jis(text);
    let longest = bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l).len())
        .max()
        .unwrap_or(0);
    if longest <= MAX_LINE_OCTETS {
        Body::dangerous_pre_encoded(bytes, ContentTransferEncoding::SevenBit)
    } else {
        Body::new_with_encoding(bytes, ContentTransferEncoding::Base64).unwrap_or_else(Body::new)
    }
}

/// `Name <address>` with the name as ISO-2022-JP encoded-words.
fn jis_mailbox(m: &Mailbox) -> String {
    match &m.name {
        Some(name) if name.is_ascii() && !name.is_empty() => {
            format!("\"{}\" <{}>", name.replace(['"', '\\'], ""), m.email)
        }
        Some(name) if !name.is_empty() => {
            format!("{} <{}>", encoded_words(name, Charset::Iso2022Jp), m.email)
        }
        _ => m.email.to_string(),
    }
}

fn reply_text<'a>(code: String, lines: impl Iterator<Item = &'a str>) -> String {
    let text: Vec<&str> = lines.collect();
    let text = text.join(" ");
    if text.is_empty() {
        code
    } else {
        format!("{code} {text}")
    }
}

fn connect_error(e: lettre::transport::smtp::Error) -> ConnectError {
    let text = error_chain(&e);
    if e.is_tls() || is_tls_failure(&e) {
        ConnectError::Tls(text)
    } else {
        ConnectError::Network(text)
    }
}

/// Whether a rustls error (a refused certificate, a failed handshake) is
/// among the causes: lettre reports those as network errors.
fn is_tls_failure(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if err.is::<rustls::Error>() {
            return true;
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && io
                .get_ref()
                .is_some_and(|inner| inner.is::<rustls::Error>())
        {
            return true;
        }
        next = err.source();
    }
    false
}

/// An error and its causes, in one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let t = s.to_string();
        if !text.contains(&t) {
            text.push_str(": ");
            text.push_str(&t);
        }
        source = s.source();
    }
    text
}

fn tls_parameters(cfg: &SmtpConfig) -> Result<TlsParameters, ConnectError> {
    let mut b = TlsParameters::builder(cfg.host.clone());
    if let Some(path) = &cfg.ca_file {
        let pem = crate::secretfile::read_regular(path, 1 << 20)
            .map_err(|e| ConnectError::CaFile(format!("{}: {e}", path.display())))?;
        let cert = Certificate::from_pem(&pem)
            .map_err(|e| ConnectError::CaFile(format!("{}: {e}", path.display())))?;
        b = b.add_root_certificate(cert);
    }
    b.build_rustls()
        .map_err(|e| ConnectError::Tls(error_chain(&e)))
}

/// One message over `conn`: MAIL, RCPT, DATA, then the message and its
/// closing dot in **one** write. lettre's `SmtpConnection::send` writes the
/// closing `\r\n.\r\n` on its own after the message, and with Nagle's
/// algorithm on (lettre sets no `TCP_NODELAY`) those five bytes wait for the
/// relay's delayed ACK of the message: 40 ms on every message on Linux, a
/// quarter of a second behind the 50 ms a message of the issue 27
/// benchmark. A message that is not plain ASCII (never one of ours: bodies
/// are base64 or 7-bit ISO-2022-JP) goes through lettre's own path, which
/// asks for 8BITMIME.
fn transmit(
    conn: &mut SmtpConnection,
    envelope: &lettre::address::Envelope,
    message: &[u8],
) -> Result<lettre::transport::smtp::response::Response, lettre::transport::smtp::Error> {
    use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
    let Some(text) = std::str::from_utf8(message).ok().filter(|t| t.is_ascii()) else {
        return conn.send(envelope, message);
    };
    let ascii = |a: &Address| AsRef::<str>::as_ref(a).is_ascii();
    if !envelope.to().iter().all(ascii) || !envelope.from().is_none_or(ascii) {
        return conn.send(envelope, message);
    }
    conn.command(Mail::new(envelope.from().cloned(), vec![]))?;
    for to in envelope.to() {
        conn.command(Rcpt::new(to.clone(), vec![]))?;
    }
    conn.command(Data)?;
    conn.command(Terminated(text))
}

/// A message made transparent (RFC 5321 4.5.2: a line that starts with a
/// dot gets a second one) and followed by the closing `\r\n.\r\n`, written
/// as one SMTP "command".
struct Terminated<'a>(&'a str);

impl std::fmt::Display for Terminated<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, line) in self.0.split("\r\n").enumerate() {
            if i > 0 {
                f.write_str("\r\n")?;
            }
            if line.starts_with('.') {
                f.write_str(".")?;
            }
            f.write_str(line)?;
        }
        f.write_str("\r\n.\r\n")
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_LINE_OCTETS, Terminated, jis_body};
    use lettre::message::header::ContentTransferEncoding;

    #[test]
    fn an_iso_2022_jp_line_past_998_octets_goes_base64() {
        let short = jis_body("山田 太郎 様\nご登録のメールアドレスを変更しました。\n");
        assert_eq!(short.encoding(), ContentTransferEncoding::SevenBit);
        // Kanji and ASCII in turn: 6 octets of escapes for every pair.
        let long = "漢a".repeat(150);
        let bytes = crate::notify::mail::encode_jis(&long);
        assert!(bytes.len() > MAX_LINE_OCTETS, "{}", bytes.len());
        let body = jis_body(&format!("{long} 様\n本文\n"));
        assert_eq!(body.encoding(), ContentTransferEncoding::Base64);
        assert!(body.as_ref().split(|&b| b == b'\n').all(|l| l.len() <= 78));
    }

    #[test]
    fn a_message_goes_out_transparent_and_closed_in_one_piece() {
        let t = Terminated("Subject: x\r\n\r\n.hidden\r\nplain\r\n..two\r\n").to_string();
        assert_eq!(
            t,
            "Subject: x\r\n\r\n..hidden\r\nplain\r\n...two\r\n\r\n.\r\n"
        );
        assert_eq!(Terminated(".x").to_string(), "..x\r\n.\r\n");
    }
}
