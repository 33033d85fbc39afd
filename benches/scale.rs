//! The scale benchmark: how a full scan compares with parsing the same files.
//!
//! ```text
//! cargo bench --bench scale                         # sizes 1000, 10000, 50000
//! cargo bench --bench scale -- --sizes 100,1000     # chosen sizes
//! cargo bench --bench scale -- --generate DIR 5000  # only write a corpus
//! cargo bench --bench scale -- --fleet 4            # module reuse, see below
//! cargo bench --bench scale -- --shapes             # growth per ×4 step, see below
//! cargo bench --bench scale -- --shapes plan,one-file --sizes 5000,20000
//! cargo bench --bench scale -- --generate-shape plan DIR 20000   # only write a shape
//! ```
//!
//! `--fleet N` adds to every stack a baseline of two module calls, each with `N`
//! identical instances, and also times the scan with `--reevaluate-identical-modules`,
//! to show what reusing identical module instances saves.
//!
//! For each size it generates a corpus (once; kept under `target/bench-corpus/`), then
//! runs, as separate processes on the same files, parse-only (read every file and parse
//! it with hcl-edit on rayon's default pool — the floor any scanner pays) and the full
//! scan (`tfscan scan DIR --format json`, output discarded), alternately, `--runs` times
//! each. It reports the best wall time and the best CPU time (user + system, all
//! threads) of each, the scan's ratio to parse-only in both, the median ratio of the
//! back-to-back pairs (steadier when the host's speed drifts), throughput, each
//! process's peak RSS (from `wait4`) and the scan's peak RSS per MB of source. The goals (issue 20): scan ≤ 3×
//! parse-only, peak RSS proportional to the source (300,000 files within 1 GB), and
//! time per MB at the largest size within 25% of the smallest. On a busy machine the
//! CPU ratio is the steadier of the two.
//!
//! `--shapes [NAMES]` instead times each extreme shape of `benches/shapes.rs` (one huge
//! root in one file and in many files, a large plan, a deep module chain, a wide
//! `for_each`) at three sizes a factor of 4 apart and prints, per ×4 step, the ratio of
//! scan times (linear cost is 4; the goal is at most 5), with each scan's peak RSS and
//! report size. `--sizes` then gives one shape's sizes.
//!
//! `--lsp [N]` times what the editor waits for (`tfscan lsp`): a workspace of four roots,
//! each the `many-files` shape with `N` security groups (default 100: 334 resources a
//! root), is scanned whole once, then one file of one root is edited in
//! memory (an overlay, as the server holds open documents) and only that root is
//! rescanned, `--runs` times (default 10); it prints the best and median rescan.

mod corpus;
mod shapes;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

/// The allocator tfscan uses, so that parse-only and the scan are compared on equal terms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--parse-only") {
        let dir = args.get(i + 1).expect("--parse-only DIR");
        parse_only(Path::new(dir));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate-shape") {
        let usage = "--generate-shape NAME DIR N";
        let name = args.get(i + 1).expect(usage);
        let dir = PathBuf::from(args.get(i + 2).expect(usage));
        let n: usize = args.get(i + 3).and_then(|n| n.parse().ok()).expect(usage);
        let (files, bytes) = shapes::generate(name, &dir, n).expect("write the shape");
        mark_complete(&dir, files, bytes);
        println!("{files} files, {:.1} MB in {}", mb(bytes), dir.display());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let dir = PathBuf::from(args.get(i + 1).expect("--generate DIR N"));
        let n: usize = args
            .get(i + 2)
            .and_then(|n| n.parse().ok())
            .expect("--generate DIR N");
        let (files, bytes) = corpus::generate(&dir, n, 0).expect("write the corpus");
        println!("{files} files, {:.1} MB in {}", mb(bytes), dir.display());
        return;
    }
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    if let Some(i) = args.iter().position(|a| a == "--lsp") {
        let n: usize = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(40);
        let runs: usize = flag("--runs").map_or(10, |n| n.parse().expect("runs"));
        lsp_rescan(n, runs);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--shapes") {
        let names: Vec<String> = match args.get(i + 1).filter(|a| !a.starts_with("--")) {
            Some(list) => list.split(',').map(str::to_string).collect(),
            None => shapes::SHAPES.iter().map(|s| s.to_string()).collect(),
        };
        let sizes: Option<Vec<usize>> = flag("--sizes").map(|s| {
            s.split(',')
                .map(|n| n.trim().parse().expect("size"))
                .collect()
        });
        let runs: usize = flag("--runs").map_or(3, |n| n.parse().expect("runs"));
        shape_growth(&names, sizes.as_deref(), runs);
        return;
    }
    let sizes: Vec<usize> = flag("--sizes")
        .map(|s| {
            s.split(',')
                .map(|n| n.trim().parse().expect("size"))
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 10_000, 50_000]);
    let runs: usize = flag("--runs").map_or(3, |n| n.parse().expect("runs"));
    let fleet: usize = flag("--fleet").map_or(0, |n| n.parse().expect("accounts"));
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    let tfscan = env!("CARGO_BIN_EXE_tfscan");
    let me = std::env::current_exe().expect("own path");

    println!(
        "{} threads; best of {runs} runs, parse-only and scan alternating; tfscan {}",
        rayon::current_num_threads(),
        tfscan
    );
    println!(
        "{:>7} {:>8} {:>9} {:>9} {:>6} {:>9} {:>9} {:>6} {:>7} {:>9} {:>9} {:>10} {:>9}",
        "files",
        "MB",
        "parse s",
        "scan s",
        "ratio",
        "parse cpu",
        "scan cpu",
        "ratio",
        "MB/s",
        "s per MB",
        "parse RSS",
        "scan RSS",
        "RSS/source"
    );
    let mut per_mb = Vec::new();
    let mut paired = Vec::new();
    for &size in &sizes {
        let dir = match fleet {
            0 => base.join(size.to_string()),
            n => base.join(format!("{size}-fleet{n}")),
        };
        let (files, bytes) = ensure_corpus(&dir, size, fleet);
        let parse_cmd = || {
            run(
                Command::new(&me)
                    .arg("--parse-only")
                    .arg(&dir)
                    .stdout(Stdio::null()),
                &[0],
            )
        };
        let scan_cmd = || {
            run(
                Command::new(tfscan)
                    .args(["scan", "--format", "json"])
                    .arg(&dir)
                    .stdout(Stdio::null()),
                &[0, 1],
            )
        };
        let pairs: Vec<(Cost, Cost)> = (0..runs.max(1))
            .map(|_| (parse_cmd(), scan_cmd()))
            .collect();
        let parse = best_of(pairs.iter().map(|p| p.0));
        let scan = best_of(pairs.iter().map(|p| p.1));
        paired.push((files, paired_ratios(&pairs)));
        let reevaluated = (fleet > 0).then(|| {
            best(runs, || {
                run(
                    Command::new(tfscan)
                        .args(["scan", "--format", "json", "--reevaluate-identical-modules"])
                        .arg(&dir)
                        .stdout(Stdio::null()),
                    &[0, 1],
                )
            })
        });
        let megabytes = mb(bytes);
        let secs = scan.wall.as_secs_f64();
        let parse_secs = parse.wall.as_secs_f64();
        per_mb.push(secs / megabytes);
        println!(
            "{:>7} {:>8.1} {:>9.3} {:>9.3} {:>6.2} {:>9.3} {:>9.3} {:>6.2} {:>7.2} {:>9.4} {:>7} MB {:>7} MB {:>9.1}×",
            files,
            megabytes,
            parse_secs,
            secs,
            secs / parse_secs,
            parse.cpu.as_secs_f64(),
            scan.cpu.as_secs_f64(),
            scan.cpu.as_secs_f64() / parse.cpu.as_secs_f64(),
            megabytes / secs,
            secs / megabytes,
            parse.rss / 1024,
            scan.rss / 1024,
            scan.rss as f64 / 1024.0 / megabytes,
        );
        if let Some(t) = reevaluated {
            println!(
                "{:>7} without module reuse: scan {:.3} s ({:.3} s CPU), ratio {:.2}, RSS {} MB",
                "",
                t.wall.as_secs_f64(),
                t.cpu.as_secs_f64(),
                t.wall.as_secs_f64() / parse_secs,
                t.rss / 1024
            );
        }
    }
    if let (Some(first), Some(last)) = (per_mb.first(), per_mb.last())
        && per_mb.len() > 1
    {
        println!(
            "time per MB, largest size vs smallest: {:+.0}% (goal: within 25%)",
            (last / first - 1.0) * 100.0
        );
    }
    // The host's speed drifts between runs, and the two commands do not drift alike
    // (the parser is compute-bound, the scan bound by memory traffic): best-of-N of each
    // may pair a fast parse run with a slow scan run. Each scan above ran right after a
    // parse-only run; the median of those pairs' ratios is the steadier figure.
    for (files, (wall, cpu)) in paired {
        println!(
            "{files:>7} files: median ratio of the {runs} back-to-back pairs: wall {wall:.2}, CPU {cpu:.2}"
        );
    }
}

/// The median scan/parse-only ratio of back-to-back runs, by wall time and by CPU time.
fn paired_ratios(pairs: &[(Cost, Cost)]) -> (f64, f64) {
    let median = |ratio: &dyn Fn(&(Cost, Cost)) -> f64| {
        let mut r: Vec<f64> = pairs.iter().map(ratio).collect();
        r.sort_by(f64::total_cmp);
        match r.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => r[n / 2],
            n => (r[n / 2 - 1] + r[n / 2]) / 2.0,
        }
    };
    (
        median(&|(p, s)| s.wall.as_secs_f64() / p.wall.as_secs_f64()),
        median(&|(p, s)| s.cpu.as_secs_f64() / p.cpu.as_secs_f64()),
    )
}

/// The sizes each shape is timed at by default: three, a factor of 4 apart.
fn default_sizes(shape: &str) -> Vec<usize> {
    let base = match shape {
        "one-file" | "many-files" => 2_500,
        "plan" => 1_250,
        "deep-chain" => 25,
        _ => 625,
    };
    vec![base, base * 4, base * 16]
}

/// Times each shape at its sizes and prints the scan time ratio per ×4 step.
fn shape_growth(names: &[String], sizes: Option<&[usize]>, runs: usize) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-shapes");
    let tfscan = env!("CARGO_BIN_EXE_tfscan");
    println!(
        "{} threads; best of {runs} runs; tfscan {tfscan}",
        rayon::current_num_threads()
    );
    println!(
        "{:>14} {:>7} {:>7} {:>8} {:>9} {:>8} {:>9} {:>8} {:>9} {:>10}",
        "shape",
        "n",
        "files",
        "MB",
        "scan s",
        "×4 step",
        "cpu s",
        "×4 cpu",
        "scan RSS",
        "report MB"
    );
    let mut worst: (f64, f64) = (0.0, 0.0);
    for name in names {
        let sizes = sizes.map_or_else(|| default_sizes(name), <[usize]>::to_vec);
        let mut previous: Option<(usize, Cost)> = None;
        for &n in &sizes {
            let dir = base.join(format!("{name}-{n}"));
            let (files, bytes) = ensure_shape(&dir, name, n);
            let out = base.join("report.out");
            let scan = best(runs, || {
                let report = std::fs::File::create(&out).expect("create the report file");
                run(
                    Command::new(tfscan)
                        .args(["scan", "--format", "json"])
                        .arg(shapes::scan_target(name, &dir))
                        .stdout(report),
                    &[0, 1],
                )
            });
            let report_mb = mb(std::fs::metadata(&out).map_or(0, |m| m.len()));
            let (step, cpu_step) = match previous {
                Some((m, before)) => {
                    let wall = scan.wall.as_secs_f64() / before.wall.as_secs_f64();
                    let cpu = scan.cpu.as_secs_f64() / before.cpu.as_secs_f64();
                    if n == m * 4 {
                        worst = (worst.0.max(wall), worst.1.max(cpu));
                        (format!("{wall:.2}"), format!("{cpu:.2}"))
                    } else {
                        let k = n / m.max(1);
                        (format!("{wall:.2}/{k}"), format!("{cpu:.2}/{k}"))
                    }
                }
                None => (String::new(), String::new()),
            };
            println!(
                "{:>14} {:>7} {:>7} {:>8.1} {:>9.3} {:>8} {:>9.3} {:>8} {:>6} MB {:>10.1}",
                name,
                n,
                files,
                mb(bytes),
                scan.wall.as_secs_f64(),
                step,
                scan.cpu.as_secs_f64(),
                cpu_step,
                scan.rss / 1024,
                report_mb
            );
            previous = Some((n, scan));
        }
    }
    println!(
        "largest ratio per ×4 step: wall {:.2}, CPU {:.2} (linear: 4; goal: at most 5)",
        worst.0, worst.1
    );
}

/// Generates a shape unless a complete one is already there; its files and bytes.
///
/// The shape is generated by a child process (`--generate-shape`), never in this one: a
/// shape is built whole in memory (the largest is a 49 MB file), and on Linux a process's
/// peak RSS as `wait4` reports it is at least its parent's when it was started (the
/// high-water mark is carried across exec), so every scan timed after a large shape
/// was generated here would report this process's peak, not its own.
fn ensure_shape(dir: &Path, name: &str, n: usize) -> (usize, u64) {
    if let Some(done) = complete(dir) {
        return done;
    }
    let _ = std::fs::remove_dir_all(dir);
    let me = std::env::current_exe().expect("the bench's own path");
    let status = Command::new(me)
        .arg("--generate-shape")
        .arg(name)
        .arg(dir)
        .arg(n.to_string())
        .stdout(Stdio::null())
        .status()
        .expect("run the shape generator");
    assert!(status.success(), "generating {} failed", dir.display());
    complete(dir).expect("the generator marks the shape complete")
}

/// Marks a generated input complete with its files and bytes, for [`complete`] to read.
fn mark_complete(dir: &Path, files: usize, bytes: u64) {
    std::fs::write(dir.join(".complete"), format!("{files} {bytes}\n"))
        .expect("mark the generated input complete");
}

/// The files and bytes of a generated input marked complete ([`mark_complete`]), if it is.
fn complete(dir: &Path) -> Option<(usize, u64)> {
    let text = std::fs::read_to_string(dir.join(".complete")).ok()?;
    let mut parts = text
        .split_whitespace()
        .filter_map(|n| n.parse::<u64>().ok());
    Some((usize::try_from(parts.next()?).ok()?, parts.next()?))
}

/// Generates the corpus unless a complete one is already there; its files and bytes.
/// Generated here: the corpus is written file by file, never held whole.
fn ensure_corpus(dir: &Path, size: usize, fleet: usize) -> (usize, u64) {
    if let Some(done) = complete(dir) {
        return done;
    }
    let _ = std::fs::remove_dir_all(dir);
    let (files, bytes) = corpus::generate(dir, size, fleet).expect("write the corpus");
    mark_complete(dir, files, bytes);
    (files, bytes)
}

/// The editor's rescan after an edit (`--lsp`), in this process as the server does it.
fn lsp_rescan(n: usize, runs: usize) {
    const ROOTS: usize = 4;
    let base = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(format!("lsp-{n}"));
    for r in 0..ROOTS {
        let dir = base.join(format!("r{r}"));
        if !dir.join("vpc.tf").is_file() {
            shapes::generate("many-files", &dir, n).expect("write the root");
        }
    }
    let opts = tfscan::Options {
        path: base.clone(),
        ..Default::default()
    };
    let catalog = tfscan::catalog(&opts).expect("checks");
    let one = tfscan::Options {
        only_roots: Some(vec!["r0".to_string()]),
        ..opts.clone()
    };
    let resources = tfscan::scan(&one).expect("scan").resources;
    let overlay = tfscan::loader::Overlay::default();
    let (full, _) =
        tfscan::lsp::timed_rescan(&opts, &catalog, overlay.clone(), None).expect("full scan");
    let edited = base.join("r0/vpc.tf");
    let text = std::fs::read_to_string(&edited).expect("read");
    let mut times = Vec::new();
    let mut results = 0;
    for k in 0..runs.max(1) {
        // An edit as typed: one more group, open to the internet on SSH.
        let mut overlay = overlay.clone();
        let changed = format!(
            "{text}\nresource \"aws_security_group\" \"edit_{k}\" {{\n  vpc_id = aws_vpc.main.id\n  ingress {{\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n}}\n"
        );
        overlay.insert(&edited, std::sync::Arc::from(changed));
        let (t, n) = tfscan::lsp::timed_rescan(&opts, &catalog, overlay, Some(vec!["r0".into()]))
            .expect("rescan");
        times.push(t);
        results = n;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{} threads; {ROOTS} roots of {resources} resources each; whole workspace {:.1} ms",
        rayon::current_num_threads(),
        ms(full)
    );
    println!(
        "rescan of the edited root ({results} results): best {:.1} ms, median {:.1} ms over {} runs",
        ms(times[0]),
        ms(times[times.len() / 2]),
        times.len()
    );
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// What one timed process cost: wall time, CPU time (user + system, from `wait4`: steady
/// on a busy machine, where wall time is not) and peak RSS (KiB).
#[derive(Clone, Copy)]
struct Cost {
    wall: Duration,
    cpu: Duration,
    rss: u64,
}

/// The fastest wall and CPU time of `runs` runs, and the highest peak RSS among them.
fn best(runs: usize, mut f: impl FnMut() -> Cost) -> Cost {
    best_of((0..runs.max(1)).map(|_| f()))
}

/// The least wall and CPU time and the largest peak RSS of `costs`.
fn best_of(costs: impl Iterator<Item = Cost>) -> Cost {
    let first = Cost {
        wall: Duration::MAX,
        cpu: Duration::MAX,
        rss: 0,
    };
    costs.fold(first, |a, b| Cost {
        wall: a.wall.min(b.wall),
        cpu: a.cpu.min(b.cpu),
        rss: a.rss.max(b.rss),
    })
}

/// Runs a command to completion (its stdout as the caller set it, its stderr discarded)
/// and measures it.
fn run(cmd: &mut Command, ok_codes: &[i32]) -> Cost {
    let start = Instant::now();
    // Reaped by `wait_with_rusage` (wait4), which std's `Child::wait` cannot replace: it
    // does not report the child's resource usage.
    #[allow(clippy::zombie_processes)]
    let child = cmd
        .stderr(Stdio::null())
        .spawn()
        .expect("start the process");
    let (code, cpu, rss) = wait_with_rusage(child.id());
    let wall = start.elapsed();
    assert!(
        ok_codes.contains(&code),
        "{cmd:?} exited with {code} (expected one of {ok_codes:?})"
    );
    Cost { wall, cpu, rss }
}

/// Reaps the child and returns its exit code, CPU time and peak resident set (KiB).
fn wait_with_rusage(pid: u32) -> (i32, Duration, u64) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; both pointers are valid.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(r > 0, "wait4 failed: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    (
        code,
        time(usage.ru_utime) + time(usage.ru_stime),
        usage.ru_maxrss as u64,
    )
}

/// The floor: read every `.tf`/`.tfvars` file under `dir` and parse it with hcl-edit,
/// in parallel, the way the loader does.
fn parse_only(dir: &Path) {
    let mut files = Vec::new();
    collect(dir, &mut files);
    let parsed: usize = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read");
            usize::from(hcl_edit::parser::parse_body(&text).is_ok())
        })
        .sum();
    println!("{parsed} of {} files parsed", files.len());
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else if name.ends_with(".tf") || name.ends_with(".tfvars") {
            out.push(path);
        }
    }
}
