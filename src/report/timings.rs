//! How long each stage of a scan took and how much memory it held, which the scan
//! measures and `--timings` prints.

use std::time::{Duration, Instant};

use crate::eval::ModuleInstances;

/// How long each stage of a scan took, in order (`tfscan scan --timings`).
#[derive(Debug, Clone)]
pub struct Timings {
    pub stages: Vec<Stage>,
    pub module_instances: ModuleInstances,
    last: Instant,
    last_cpu: Option<Duration>,
}

/// One stage of a scan as [`Timings::lap`] measured it.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
    /// CPU time of every thread of the process during the stage, where the system tells
    /// it: against `wall`, how many cores the stage kept busy.
    pub cpu: Option<Duration>,
    /// The resident set (KiB) when the stage ended, where the system tells it.
    pub rss_kib: Option<u64>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            stages: Vec::new(),
            module_instances: ModuleInstances::default(),
            last: Instant::now(),
            last_cpu: process_cpu(),
        }
    }
}

impl Timings {
    /// Ends the current stage, naming it, and starts the next.
    pub fn lap(&mut self, name: &'static str) {
        let (now, cpu) = (Instant::now(), process_cpu());
        self.stages.push(Stage {
            name,
            wall: now - self.last,
            cpu: cpu.zip(self.last_cpu).map(|(c, l)| c.saturating_sub(l)),
            rss_kib: memory_kib("VmRSS:"),
        });
        (self.last, self.last_cpu) = (now, cpu);
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|s| s.wall).sum()
    }

    /// The CPU time of all stages, when the system told it for each.
    pub fn total_cpu(&self) -> Option<Duration> {
        self.stages.iter().map(|s| s.cpu).sum()
    }
}

/// The CPU time (user and system) this process's threads have used so far; `None` where
/// the system does not tell it. The standard library has no process clock.
fn process_cpu() -> Option<Duration> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` writes only the `timespec` it is given, which lives for
    // the call; CLOCK_PROCESS_CPUTIME_ID is a valid clock on every platform libc names.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0;
    let (secs, nanos) = (
        u64::try_from(t.tv_sec).ok()?,
        u32::try_from(t.tv_nsec).ok()?,
    );
    ok.then(|| Duration::new(secs, nanos))
}

/// A memory figure of this process from `/proc/self/status` (`VmRSS:` now, `VmHWM:` the
/// peak), in KiB; `None` where the system does not provide it.
pub fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lap_is_one_stage_and_the_totals_add_them_up() {
        let mut t = Timings::default();
        t.lap("first");
        // Some work for the process clock to see; nothing asserts how long it took.
        let sum: u64 = (0..200_000u64).map(|i| i.wrapping_mul(i) % 7).sum();
        assert!(sum > 0);
        t.lap("second");
        let names: Vec<&str> = t.stages.iter().map(|s| s.name).collect();
        assert_eq!(names, ["first", "second"]);
        assert_eq!(t.total(), t.stages[0].wall + t.stages[1].wall);
        // Linux tells the process's CPU time; the stages' CPU times add up to the total.
        let cpu: Vec<Duration> = t.stages.iter().filter_map(|s| s.cpu).collect();
        assert_eq!(cpu.len(), 2);
        assert_eq!(t.total_cpu(), Some(cpu[0] + cpu[1]));
    }

    #[test]
    fn the_process_clock_never_goes_back() {
        let a = process_cpu().expect("Linux tells the process's CPU time");
        let b = process_cpu().expect("Linux tells the process's CPU time");
        assert!(b >= a);
    }
}
