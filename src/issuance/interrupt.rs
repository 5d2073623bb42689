//! Ctrl-C and `kill` during a bulk issue: the signal is noted, the batch in
//! hand is finished and committed, and the run stops between batches with
//! its temporary file kept, so the same command run again finishes it. A
//! second signal ends the process at once (exit 128 + its number).

use std::sync::atomic::{AtomicI32, Ordering};

use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

/// The signal received since [`Watch::install`] (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);

extern "C" fn note(signal: libc::c_int) {
    // Only async-signal-safe calls: an atomic swap, and `_exit` when the
    // operator insists (a second signal while a batch still runs, e.g.
    // waiting on a busy ledger). An uncommitted transaction is then rolled
    // back by SQLite, as after `kill -9`, and the run resumes as always.
    if RECEIVED.swap(signal, Ordering::SeqCst) != 0 {
        // SAFETY: `_exit` is async-signal-safe and never returns.
        unsafe { libc::_exit(128 + signal) };
    }
}

/// SIGINT and SIGTERM noted instead of ending the process, while it lives;
/// the previous dispositions come back when it is dropped.
pub struct Watch {
    previous: Vec<(Signal, SigAction)>,
}

impl Watch {
    /// Note SIGINT and SIGTERM from now on.
    pub fn install() -> Watch {
        RECEIVED.store(0, Ordering::SeqCst);
        let action = SigAction::new(
            SigHandler::Handler(note),
            SaFlags::SA_RESTART,
            SigSet::empty(),
        );
        let mut previous = Vec::new();
        for s in [Signal::SIGINT, Signal::SIGTERM] {
            // SAFETY: the handler only stores into an atomic.
            if let Ok(old) = unsafe { sigaction(s, &action) } {
                previous.push((s, old));
            }
        }
        Watch { previous }
    }

    /// The signal received, if any: SIGINT or SIGTERM.
    pub fn received(&self) -> Option<Signal> {
        match RECEIVED.load(Ordering::SeqCst) {
            0 => None,
            n => Signal::try_from(n).ok(),
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        for (s, old) in &self.previous {
            // SAFETY: restoring the disposition that was in force before.
            let _ = unsafe { sigaction(*s, old) };
        }
    }
}

/// The exit code of a run stopped by `signal`: 128 + its number (130 for
/// SIGINT, 143 for SIGTERM), as a shell reports a process it ended.
pub fn exit_code(signal: Signal) -> u8 {
    128u8.saturating_add(signal as i32 as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_shell() {
        assert_eq!(exit_code(Signal::SIGINT), 130);
        assert_eq!(exit_code(Signal::SIGTERM), 143);
    }
}
