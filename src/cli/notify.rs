//! `acctsec notify`: the notice catalog, subscriptions, front-end events and
//! the outbox; delivery through the relay (`send`, `outbox retry`) in
//! [`deliver`].

mod deliver;

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::customer::mask_email;
use crate::error::{Error, InputProblem, Result, exit};
use crate::ledger::Read;
use crate::messages;
use crate::notify::{Destination, NoticeType, SystemNotice};
use crate::ops::{
    self,
    customer::View,
    environment::ClientEnv,
    gate::{Gated, Via},
};
use crate::output::Listing;

#[derive(Debug, Subcommand)]
pub enum NotifyCmd {
    /// The notice catalog: names, defaults, whether a customer may turn each off
    Types,
    /// A customer's subscriptions (addresses masked)
    Show {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// Show addresses in full (audited)
        #[arg(long)]
        unmask: bool,
    },
    /// Turn a notice on or off for a customer, and choose where it goes
    Set {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// The notice type (see `acctsec notify types`)
        #[arg(value_name = "TYPE", value_parser = notice_type_names())]
        kind: String,
        /// on or off
        #[arg(value_name = "STATE", value_enum)]
        state: OnOff,
        /// Which registered address: pc, mobile or both [default: unchanged]
        #[arg(long, value_enum)]
        to: Option<DestinationArg>,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: Option<String>,
    },
    /// Set subscriptions in bulk from a CSV with columns code,type,enabled,to
    Import {
        /// The CSV file (code,type,enabled,to)
        file: PathBuf,
    },
    /// Report an event from the trading front end; queues the notice if the customer subscribes
    Emit {
        /// The notice type (see `acctsec notify types`)
        #[arg(value_name = "TYPE", value_parser = notice_type_names())]
        kind: String,
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// The client's IP address (v4 or v6)
        #[arg(long, value_name = "ADDR", value_parser = super::args::ip_arg)]
        ip: Option<String>,
        /// The client's device (plain text, at most 256 characters)
        #[arg(long, value_name = "TEXT", value_parser = super::args::client_text)]
        device: Option<String>,
        /// The client's browser user agent (plain text, at most 256 characters; kept as browser family and OS)
        #[arg(long, value_name = "TEXT", value_parser = super::args::client_text)]
        user_agent: Option<String>,
        /// The browser's device token: the value of the front end's long-lived device cookie (16-256 ASCII characters; stored only as a hash)
        #[arg(long, value_name = "TOKEN", value_parser = super::args::device_id_arg)]
        device_id: Option<String>,
        /// The amount in yen (withdrawals)
        #[arg(long, value_name = "N")]
        amount: Option<u64>,
    },
    /// The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery
    Outbox(OutboxArgs),
    /// Deliver pending notices through the SMTP relay of the configuration's [smtp] table
    Send(deliver::SendArgs),
    /// Make the key pair that seals auth codes to the host running `notify send`: the
    /// private key into FILE (0600, never overwritten; [notify] seal_key_file there), the
    /// public key on stdout ([notify] seal_public_key on the hosts that issue codes)
    Keygen {
        /// The private key file to create (PEM; 0600; never overwritten)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

/// `--to`: where a notice goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DestinationArg {
    Pc,
    Mobile,
    Both,
}

impl From<DestinationArg> for Destination {
    fn from(d: DestinationArg) -> Destination {
        match d {
            DestinationArg::Pc => Destination::Pc,
            DestinationArg::Mobile => Destination::Mobile,
            DestinationArg::Both => Destination::Both,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Status {
    /// Waiting to be sent (by `notify send` or a mail gateway)
    Pending,
    /// Accepted by the relay, or acknowledged by the gateway
    Sent,
    /// Refused for good by the relay (`notify outbox retry` puts them back)
    Failed,
    /// Never sent: an auth code's notice whose code expired, was used or was ended first
    Expired,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct OutboxArgs {
    #[command(subcommand)]
    pub cmd: Option<OutboxCmd>,
    /// Only notices with this status
    #[arg(long, value_enum)]
    pub status: Option<Status>,
    /// At most N notices, oldest first (0: all) [default: all]
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCmd {
    /// Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)
    Export {
        /// The JSON-lines file to create (0600; never overwritten)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Mark notices of one export sent, after the mail gateway delivered them
    Ack {
        /// Outbox ids, as in the export file
        #[arg(value_name = "ID", required_unless_present = "from")]
        ids: Vec<i64>,
        /// The export the notices were handed over in (its number: the "export" field of its lines) [default: the newest export, or the one --from names]
        #[arg(long, value_name = "N")]
        export: Option<u64>,
        /// Also every notice of a file written by `outbox export` (its "id" fields; -: stdin)
        #[arg(long, value_name = "FILE.jsonl")]
        from: Option<PathBuf>,
    },
    /// Put failed notices back in the queue, for the next `notify send`
    Retry {
        /// Outbox ids of failed notices (see `notify outbox --status failed`)
        #[arg(value_name = "ID", required = true)]
        ids: Vec<i64>,
    },
}

pub fn run(ctx: &mut Ctx, cmd: NotifyCmd) -> Result<u8> {
    match cmd {
        NotifyCmd::Types => types(ctx),
        NotifyCmd::Show { code, unmask } => show(ctx, &code, unmask),
        NotifyCmd::Set {
            code,
            kind,
            state,
            to,
            reason,
        } => set(
            ctx,
            &code,
            &kind,
            state == OnOff::On,
            to.map(Destination::from),
            reason.as_deref(),
        ),
        NotifyCmd::Import { file } => import(ctx, &file),
        NotifyCmd::Emit {
            kind,
            code,
            ip,
            device,
            user_agent,
            device_id,
            amount,
        } => emit(
            ctx,
            &kind,
            &code,
            ClientEnv {
                ip: ip.and_then(|i| i.parse().ok()),
                device,
                user_agent,
                device_id: device_id.map(zeroize::Zeroizing::new),
            },
            amount,
        ),
        NotifyCmd::Outbox(a) => match a.cmd {
            None => outbox(ctx, a.status, a.limit),
            Some(OutboxCmd::Export { out }) => export(ctx, &out),
            Some(OutboxCmd::Ack { ids, export, from }) => ack(ctx, ids, export, from),
            Some(OutboxCmd::Retry { ids }) => deliver::retry(ctx, &ids),
        },
        NotifyCmd::Send(a) => deliver::send(ctx, &a),
        NotifyCmd::Keygen { out } => deliver::keygen(ctx, &out),
    }
}

/// The notice type names, for the TYPE argument (its help and shell
/// completions); an unknown name is a usage error.
fn notice_type_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(NoticeType::ALL.map(NoticeType::name))
}

fn parse_type(s: &str) -> Result<NoticeType> {
    NoticeType::parse(s).ok_or_else(|| Error::Usage(messages::notify::unknown_type(s)))
}

fn types(ctx: &mut Ctx) -> Result<u8> {
    let ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let mut l = Listing::new(&[
        "type",
        "class",
        "name_ja",
        "name_en",
        "requirement",
        "optional",
        "default",
        "to",
        "trigger",
    ])
    .narrow(&["name_en", "class", "to", "requirement"])
    .max_width("name_ja", 16)
    .max_width("trigger", 30);
    for t in NoticeType::ALL {
        let d = policy.notice_default(t);
        l.push(vec![
            json!(t.name()),
            json!("subscription"),
            json!(t.name_ja()),
            json!(t.name_en()),
            json!(t.requirement()),
            json!(t.optional()),
            json!(if d.enabled || !t.optional() {
                "on"
            } else {
                "off"
            }),
            json!(d.to.as_str()),
            json!(messages::notify::trigger(t)),
        ]);
    }
    for s in SystemNotice::ALL {
        l.push(vec![
            json!(s.name()),
            json!("system"),
            json!(s.name_ja()),
            json!(s.name_en()),
            json!(null),
            json!(false),
            json!("on"),
            json!("account_info_changed"),
            json!(messages::notify::system_trigger(s)),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

fn show(ctx: &mut Ctx, code: &str, unmask: bool) -> Result<u8> {
    let mut ledger = ctx.open()?;
    match ops::customer::view(&mut ledger, code, View::Notices, unmask, Via::Direct)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(v) => super::render::notices(ctx, &v),
    }
}

fn set(
    ctx: &mut Ctx,
    code: &str,
    kind: &str,
    enabled: bool,
    to: Option<Destination>,
    reason: Option<&str>,
) -> Result<u8> {
    let o = ops::notify::SetOptions {
        code: code.to_string(),
        kind: parse_type(kind)?,
        enabled,
        to,
        reason: reason.map(str::to_string),
    };
    let mut ledger = ctx.open()?;
    match ops::notify::set(&mut ledger, &o, Via::Direct)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(done) => super::render::notice_set(ctx, code, o.kind, &done),
    }
}

fn import(ctx: &mut Ctx, file: &std::path::Path) -> Result<u8> {
    let mut ledger = ctx.open()?;
    match ops::notify::import(&mut ledger, file, Via::Direct)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(done) => super::render::notices_imported(ctx, file, &done),
    }
}

fn emit(ctx: &mut Ctx, kind: &str, code: &str, env: ClientEnv, amount: Option<u64>) -> Result<u8> {
    let t = parse_type(kind)?;
    let login = matches!(t, NoticeType::Login | NoticeType::LoginNewEnv);
    // Without a token or an address nothing places the login.
    if t == NoticeType::LoginNewEnv && !env.identifies() {
        return Err(Error::Usage(messages::notify::no_environment()));
    }
    if env.device_id.is_some() && !login {
        return Err(Error::Usage(messages::notify::device_id_not_login(
            t.name(),
        )));
    }
    let mut ledger = ctx.open()?;
    let o = ops::notify::EmitOptions {
        kind: t,
        code: code.to_string(),
        env,
        amount,
    };
    let done = ops::notify::emit(&mut ledger, &o)?;
    super::render::emitted(ctx, t, code, &done)
}

fn outbox(ctx: &mut Ctx, status: Option<Status>, limit: Option<u64>) -> Result<u8> {
    let ledger = ctx.open()?;
    let status = status.map(|s| match s {
        Status::Pending => "pending",
        Status::Sent => "sent",
        Status::Failed => "failed",
        Status::Expired => "expired",
    });
    let (notices, total) = ledger.outbox_page(status, limit.filter(|&n| n > 0))?;
    let mut l = Listing::new(&[
        "id",
        "type",
        "customer",
        "to",
        "subject",
        "created_at",
        "status",
        "attempts",
        "reply",
    ])
    .narrow(&["attempts", "created_at", "to", "reply", "type"])
    .max_width("type", 20)
    .max_width("subject", 30)
    .max_width("reply", 40);
    let shown = notices.len() as u64;
    for n in notices {
        l.push(vec![
            json!(n.id),
            json!(n.kind),
            json!(n.customer),
            json!(mask_email(&n.to)),
            json!(n.subject),
            json!(crate::clock::stored_to_jst(&n.created_at)),
            json!(n.status),
            json!(n.attempts),
            json!(n.reply),
        ]);
    }
    ctx.out.listing(&l)?;
    if shown < total {
        ctx.out.status(&messages::list_truncated(shown, total));
    }
    Ok(exit::OK)
}

/// The longest line `outbox ack --from` reads, in bytes.
const MAX_EXPORT_LINE: u64 = 1024 * 1024;

/// Bad lines of an export file: exit 65, with the first 20.
fn refuse_problems(file: &std::path::Path, mut problems: Vec<InputProblem>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let total = problems.len();
    problems.truncate(20);
    Err(Error::BadInput {
        file: file.to_path_buf(),
        problems,
        total,
    })
}

/// A line of an export file: its notice's id, and the export it names.
fn export_line(line: &[u8]) -> (Option<i64>, Option<u64>) {
    let v = serde_json::from_slice::<serde_json::Value>(line).ok();
    let field = |k: &str| v.as_ref().and_then(|v| v.get(k).cloned());
    (
        field("id").and_then(|i| i.as_i64()),
        field("export").and_then(|e| e.as_u64()),
    )
}

/// The ids of a file `outbox export` wrote (JSON lines with an "id"; `-`:
/// stdin), and the export they name. Only the ids are read: a line's
/// addresses and body never reach an error message. A line without an id is
/// bad input (exit 65).
fn ids_from_export(file: &std::path::Path) -> Result<(Vec<i64>, Option<u64>)> {
    use std::io::{BufRead, Read as _};
    let reader: Box<dyn BufRead> = if file == std::path::Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut reader = reader;
    let mut ids = Vec::new();
    let mut export = None;
    let mut problems = Vec::new();
    let mut buf = Vec::new();
    for line_no in 1u64.. {
        buf.clear();
        // A notice is a few KiB; a line past the limit (a binary file,
        // /dev/zero) stops the reading instead of filling memory.
        let n = (&mut reader)
            .take(MAX_EXPORT_LINE + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::io(file, e))?;
        if n == 0 {
            break;
        }
        let problem = |reason| InputProblem {
            line: line_no,
            column: Some("id".into()),
            reason,
        };
        if n as u64 > MAX_EXPORT_LINE {
            problems.push(problem(messages::notify::export_line_too_long(
                MAX_EXPORT_LINE,
            )));
            break;
        }
        if buf.trim_ascii().is_empty() {
            continue;
        }
        let (id, named) = export_line(&buf);
        if let Some(e) = named {
            export.get_or_insert(e);
        }
        match id {
            Some(id) => ids.push(id),
            None => problems.push(problem(messages::notify::export_line_without_id())),
        }
    }
    refuse_problems(file, problems)?;
    if ids.is_empty() {
        return Err(Error::Usage(messages::notify::export_file_empty(file)));
    }
    Ok((ids, export))
}

fn export(ctx: &mut Ctx, out: &std::path::Path) -> Result<u8> {
    let notify = ctx.config()?.notify;
    let mut ledger = ctx.open()?;
    match ops::notify::export(&mut ledger, out, Via::Direct, &notify)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(done) => super::render::exported(ctx, out, &done),
    }
}

fn ack(ctx: &mut Ctx, mut ids: Vec<i64>, export: Option<u64>, from: Option<PathBuf>) -> Result<u8> {
    let mut export = export;
    if let Some(file) = from {
        let (more, named) = ids_from_export(&file)?;
        ids.extend(more);
        export = match (export, named) {
            (Some(a), Some(b)) if a != b => {
                return Err(Error::Usage(messages::notify::other_export(&file, b, a)));
            }
            (a, b) => a.or(b),
        };
    }
    let mut ledger = ctx.open()?;
    let export = match export {
        Some(e) => e,
        None => ops::notify::newest_export(&ledger)?
            .ok_or_else(|| Error::Usage(messages::notify::no_export()))?,
    };
    match ops::notify::ack(&mut ledger, export, &ids, Via::Direct)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(done) => super::render::acked(ctx, &done),
    }
}
