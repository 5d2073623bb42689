//! Progress bars: on stderr, drawn only when the printer says so (stderr is
//! a terminal and not `--quiet`); hidden on a pipe, under cron, or quiet.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::Printer;

fn target(out: &Printer) -> ProgressDrawTarget {
    if out.draws_progress() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}

/// A bar over items (customers, guesses), with rate and ETA.
pub fn items(out: &Printer, len: u64, msg: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), target(out));
    bar.set_style(
        ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} {per_sec} ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(msg.to_string());
    bar
}

/// The progress sink of an operation (`ops::Progress`) as a bar on stderr:
/// drawn only where [`bytes`] and [`items`] draw theirs.
pub struct Bar {
    draws: bool,
    bar: std::sync::Mutex<Option<ProgressBar>>,
}

impl Bar {
    pub fn new(out: &Printer) -> Bar {
        Bar {
            draws: out.draws_progress(),
            bar: std::sync::Mutex::new(None),
        }
    }

    fn with(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        let mut guard = self.bar.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard);
    }
}

impl crate::ops::Progress for Bar {
    fn begin(&self, stage: crate::ops::Stage, total: Option<u64>) {
        use crate::messages;
        use crate::ops::Stage;
        let target = if self.draws {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let (template, msg) = match &stage {
            Stage::Reading(file) => (
                "{msg} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
                messages::importing(file),
            ),
            Stage::Issuing => (
                "{msg} {wide_bar} {pos}/{len} {per_sec} ETA {eta}",
                messages::issuing(),
            ),
            Stage::Auditing => (
                "{msg} {wide_bar} {pos}/{len} {per_sec} ETA {eta}",
                messages::auditing(),
            ),
            Stage::Sending => ("{wide_bar} {pos}/{len} {per_sec} ETA {eta}", String::new()),
        };
        let bar = ProgressBar::with_draw_target(total, target);
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(msg);
        self.with(|b| {
            if let Some(old) = b.replace(bar) {
                old.finish_and_clear();
            }
        });
    }

    fn advance(&self, n: u64) {
        self.with(|b| {
            if let Some(b) = b {
                b.inc(n);
            }
        });
    }

    fn finish(&self) {
        self.with(|b| {
            if let Some(b) = b.take() {
                b.finish_and_clear();
            }
        });
    }
}
