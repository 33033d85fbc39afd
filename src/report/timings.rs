//! How long each stage of a scan took and how much memory it held, which the scan
//! measures and `--timings` prints.

use std::time::{Duration, Instant};

use crate::eval::ModuleInstances;

/// How long each stage of a scan took, in order (`tfscan scan --timings`).
#[derive(Debug, Clone)]
pub struct Timings {
    /// Each stage, its duration, and the resident set (KiB) when it ended, where the
    /// system tells it.
    pub stages: Vec<(&'static str, Duration, Option<u64>)>,
    pub module_instances: ModuleInstances,
    last: Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            stages: Vec::new(),
            module_instances: ModuleInstances::default(),
            last: Instant::now(),
        }
    }
}

impl Timings {
    /// Ends the current stage, naming it, and starts the next.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages
            .push((stage, now - self.last, memory_kib("VmRSS:")));
        self.last = now;
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d, _)| *d).sum()
    }
}

/// A memory figure of this process from `/proc/self/status` (`VmRSS:` now, `VmHWM:` the
/// peak), in KiB; `None` where the system does not provide it.
pub fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
