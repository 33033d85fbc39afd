//! Runs checks over the model: the declarative interpreter for checks written in TOML,
//! and a registry of Rust functions for checks that need the network model or policy
//! analysis. A declarative check's metadata is its file in `checks/`; a Rust check's is
//! the same TOML, written beside its function (see [`RustCheckDef`]).

mod declarative;
pub mod listing;
mod roots;
mod schedule;

pub(crate) use roots::Joined;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::check::{Check, Logic, Severity, parse_builtin, parse_check, parse_rust_check};
use crate::diag::Diagnostic;
use crate::finding::{Finding, UnknownResult};
use crate::iam::{Documents, Located, Policies};
use crate::model::Model;
use crate::network::{BroadShare, Index, Network};

include!(concat!(env!("OUT_DIR"), "/builtin_checks.rs"));

/// What running checks produced.
#[derive(Debug, Default)]
pub struct CheckResults {
    pub findings: Vec<Finding>,
    pub unknown: Vec<UnknownResult>,
    /// Warnings about input a check could not judge (a policy that is not valid JSON).
    pub diagnostics: Vec<Diagnostic>,
}

/// A check implemented in Rust: it sees the model and the analyses one scan shares
/// between checks (see [`Context`]).
pub type RustCheck = fn(&Arc<Check>, &Context<'_>, &mut CheckResults);

/// One check written in Rust: its metadata (the TOML of a check file, without
/// conditions) and its function, as a `check!` of `src/checks/` declares them side by side.
#[derive(Clone, Copy)]
pub struct RustCheckDef {
    /// The source file of the `check!` (`src/checks/s3.rs`).
    pub file: &'static str,
    /// The line of that file on which `meta` starts.
    pub line: usize,
    /// The check's metadata, in the check file format ([`Meta`]: as written, or as the
    /// JSON build.rs made of it).
    pub meta: Meta,
    /// The check's logic.
    pub judge: RustCheck,
}

/// A Rust check's metadata: the TOML of its `check!`, or (in the registry build.rs
/// writes) that TOML read at build time and embedded as JSON, which loads several times
/// faster.
#[derive(Clone, Copy)]
pub enum Meta {
    Toml(&'static str),
    Json(crate::check::Embedded),
}

/// The checks written in Rust, which [`crate::checks`] registers (the engine does not
/// know them), and what runs over all their results once every check has run.
#[derive(Clone)]
pub struct RustChecks {
    pub checks: &'static [RustCheckDef],
    pub settle: fn(&Context<'_>, &mut [CheckResults]),
}

/// What one scan's checks share: the model, and analyses that several checks need,
/// each built on first use by whichever check needs it first and then read by all.
/// Building them once per check was most of the checks' cost: the network model of
/// each root (about twenty network checks and the reachability analysis), the per-root
/// index of resources (which comes with it), and the located and parsed policies (about
/// twenty IAM and resource-policy checks).
pub struct Context<'m> {
    pub model: &'m Model,
    /// How much of a family's internet counts as the internet (`--internet-share`).
    pub share: BroadShare,
    networks: OnceLock<Vec<Network<'m>>>,
    policies: OnceLock<Policies<'m>>,
    /// The ids of the checks this scan runs; `None` when every check runs. A check that
    /// leaves a problem to a broader one (an allow-all rule to the allow-all check) asks
    /// whether that check runs, so that selecting checks never hides a problem.
    running: Option<&'m foldhash::HashMap<String, Severity>>,
}

impl<'m> Context<'m> {
    pub fn new(model: &'m Model, share: BroadShare) -> Context<'m> {
        Context {
            model,
            share,
            networks: OnceLock::new(),
            policies: OnceLock::new(),
            running: None,
        }
    }

    /// The same context for a scan that runs only the checks `checks` (severity by id).
    pub fn running(mut self, checks: &'m foldhash::HashMap<String, Severity>) -> Context<'m> {
        self.running = Some(checks);
        self
    }

    /// Whether the check `id` runs in this scan.
    pub fn runs(&self, id: &str) -> bool {
        self.running.as_ref().is_none_or(|r| r.contains_key(id))
    }

    /// The severity of check `id` when it runs in this scan (and the scan says which run).
    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.running.as_ref().and_then(|r| r.get(id).copied())
    }

    /// The network of each root module. Built sequentially inside the lock: building it
    /// with rayon here could let this thread steal another check's job that waits on the
    /// same lock.
    pub fn networks(&self) -> &[Network<'m>] {
        self.networks
            .get_or_init(|| Network::per_root(self.model, self.share))
    }

    /// The resources of each root module, by address and type.
    pub fn indexes(&self) -> impl Iterator<Item = &Index<'m>> {
        self.networks().iter().map(|n| &n.index)
    }

    /// Every policy-holding attribute of the model, parsed once.
    pub fn policies(&self) -> &[Located<'m>] {
        &self.located_policies().located
    }

    /// The policy documents of the model, as the search for [`Context::policies`] left
    /// them (which ones are used, and the JSON read of each).
    pub(crate) fn policy_documents(&self) -> &Documents<'m> {
        &self.located_policies().documents
    }

    fn located_policies(&self) -> &Policies<'m> {
        self.policies
            .get_or_init(|| crate::iam::policies(self.model))
    }
}

/// The set of checks a scan runs.
#[derive(Clone)]
pub struct Catalog {
    /// Sorted by id; changed only through [`Catalog::select`], which keeps `lookup` in step.
    checks: Vec<Arc<Check>>,
    /// The function of each Rust check, by id.
    judges: foldhash::HashMap<String, RustCheck>,
    settle: fn(&Context<'_>, &mut [CheckResults]),
    lookup: Lookup,
}

/// What each root's run looks up by check, built with the catalogue (and again when its
/// checks change) rather than for each root: hashing every id into two maps per root
/// was 1.4% of a scan of many small roots.
#[derive(Clone, Default)]
struct Lookup {
    /// The severity of each check, by id (which checks run, for [`Context::runs`]).
    severity: foldhash::HashMap<String, Severity>,
    /// For each check, by position, the positions of the checks that cover it
    /// (`covered_by`); empty for most.
    covers: Vec<Vec<usize>>,
    /// The positions of the declarative checks by the resource types they apply to: a
    /// root runs only those whose types it has. Looking up every type of every
    /// declarative check in each root's model was a tenth of a small root's checks.
    declarative_by_type: foldhash::HashMap<String, Vec<usize>>,
    /// By position, whether the check runs in every root (the Rust checks, which choose
    /// their resources themselves).
    always: Vec<bool>,
}

impl Lookup {
    fn of(checks: &[Arc<Check>]) -> Lookup {
        let severity: foldhash::HashMap<String, Severity> =
            checks.iter().map(|c| (c.id.clone(), c.severity)).collect();
        let position: foldhash::HashMap<&str, usize> = checks
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let covers = checks
            .iter()
            .map(|c| {
                c.covered_by
                    .iter()
                    .filter_map(|id| position.get(id.as_str()).copied())
                    .collect()
            })
            .collect();
        let mut declarative_by_type: foldhash::HashMap<String, Vec<usize>> = Default::default();
        for (i, c) in checks.iter().enumerate() {
            if c.judged_by == Logic::Declarative {
                for rtype in &c.resources {
                    declarative_by_type
                        .entry(rtype.clone())
                        .or_default()
                        .push(i);
                }
            }
        }
        let always = checks.iter().map(|c| c.judged_by == Logic::Rust).collect();
        Lookup {
            severity,
            covers,
            declarative_by_type,
            always,
        }
    }

    /// By position, whether each check has something to judge in `model`.
    fn runs_in(&self, model: &Model) -> Vec<bool> {
        let mut runs = self.always.clone();
        for rtype in model.types() {
            for &i in self.declarative_by_type.get(rtype).into_iter().flatten() {
                if let Some(r) = runs.get_mut(i) {
                    *r = true;
                }
            }
        }
        runs
    }
}

/// Reads the check files of a `--checks-dir` into `checks`; what cannot be read or
/// parsed, or takes a built-in id or alias (`builtin`, lowercased), goes to `errors`.
fn user_checks(
    dir: &Path,
    builtin: &HashMap<String, String>,
    checks: &mut Vec<Check>,
    errors: &mut Vec<String>,
) {
    let mut files = Vec::new();
    collect_toml(dir, &mut files);
    if files.is_empty() {
        errors.push(format!("{}: no check files (*.toml) found", dir.display()));
    }
    for (f, refusal) in files {
        if let Some(refusal) = refusal {
            errors.push(format!("{}: {refusal}", f.display()));
            continue;
        }
        match crate::untrusted::read_text(&f, crate::loader::DEFAULT_MAX_FILE_BYTES) {
            Ok(text) => match parse_check(&f.display().to_string(), &text) {
                Ok(c) => match collision(&c, builtin) {
                    Some(e) => errors.push(e),
                    None => checks.push(c),
                },
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(format!("{}: {e}", f.display())),
        }
    }
}

/// Ids defined twice, and `covered_by` naming no check.
fn id_errors(checks: &[Check]) -> Vec<String> {
    let mut errors = Vec::new();
    let mut seen = HashMap::new();
    for c in checks {
        if let Some(prev) = seen.insert(c.id.clone(), c.source.clone()) {
            errors.push(format!(
                "{}: check id '{}' is already defined in {prev}",
                c.source, c.id
            ));
        }
    }
    for c in checks {
        for cover in c.covered_by.iter().filter(|id| !seen.contains_key(*id)) {
            errors.push(format!(
                "{}: check '{}' is covered_by '{cover}', which is not a check",
                c.source, c.id
            ));
        }
    }
    errors
}

/// A user's check that takes the id or an alias of a built-in check (`builtin`: every
/// built-in id and alias, lowercased, with the check's id), as an error naming both.
fn collision(c: &Check, builtin: &HashMap<String, String>) -> Option<String> {
    let taken = |name: &String| builtin.get(&name.to_ascii_lowercase());
    if let Some(owner) = taken(&c.id) {
        return Some(format!(
            "{}: check id '{}' is taken by the built-in check '{owner}'; give your check an id in your own namespace, such as 'acme-{}'",
            c.source,
            c.id,
            c.id.split_once('-').map_or(c.id.as_str(), |(_, rest)| rest)
        ));
    }
    c.aliases.iter().find_map(|alias| {
        taken(alias).map(|owner| {
            format!(
                "{}: alias '{alias}' of check '{}' is taken by the built-in check '{owner}'",
                c.source, c.id
            )
        })
    })
}

impl Catalog {
    /// The built-in checks (the files of `checks/` and the Rust checks `rust`), plus
    /// those in `extra_dirs`; errors name the offending file (and, for a Rust check, the
    /// line). `Catalog::load` (in [`crate::checks`]) passes the registered Rust checks.
    pub fn with_rust(
        extra_dirs: &[impl AsRef<Path>],
        rust: RustChecks,
    ) -> Result<Catalog, Vec<String>> {
        let mut errors = Vec::new();
        let mut checks = Vec::new();
        let mut judges = foldhash::HashMap::default();
        let files = BUILTIN_CHECKS.iter().map(|(source, embedded)| {
            let parsed = parse_builtin(source.to_string(), *embedded, Logic::Declarative);
            (parsed, None)
        });
        let embedded = rust.checks.iter().map(|d| {
            let parsed = match d.meta {
                Meta::Toml(text) => parse_rust_check(d.file, d.line, text),
                Meta::Json(embedded) => {
                    parse_builtin(format!("{}:{}", d.file, d.line), embedded, Logic::Rust)
                }
            };
            (parsed, Some(d.judge))
        });
        for (parsed, judge) in files.chain(embedded) {
            match parsed {
                // tfscan's own checks are in the `aws-` namespace (DESIGN.md).
                Ok(c) if !c.id.starts_with("aws-") => errors.push(format!(
                    "{}: a built-in check id starts with 'aws-'",
                    c.source
                )),
                Ok(c) => {
                    if let Some(judge) = judge {
                        judges.insert(c.id.clone(), judge);
                    }
                    checks.push(c)
                }
                Err(e) => errors.push(e),
            }
        }
        // Every built-in id and alias, lowercased: a user's check may not take one, or
        // `--include-checks`, ignores and `explain` could name either.
        let builtin: HashMap<String, String> = checks
            .iter()
            .flat_map(|c| {
                std::iter::once(&c.id)
                    .chain(&c.aliases)
                    .map(|n| (n.to_ascii_lowercase(), c.id.clone()))
            })
            .collect();
        for dir in extra_dirs {
            user_checks(dir.as_ref(), &builtin, &mut checks, &mut errors);
        }
        errors.extend(id_errors(&checks));
        if !errors.is_empty() {
            return Err(errors);
        }
        checks.sort_by(|a, b| a.id.cmp(&b.id));
        let checks: Vec<Arc<Check>> = checks.into_iter().map(Arc::new).collect();
        Ok(Catalog {
            lookup: Lookup::of(&checks),
            checks,
            judges,
            settle: rust.settle,
        })
    }

    /// The checks, sorted by id.
    pub fn checks(&self) -> &[Arc<Check>] {
        &self.checks
    }

    /// Keeps only the checks `keep` accepts, each with the severity `severity` gives it
    /// (`None`: its own).
    pub fn select(
        &mut self,
        keep: impl Fn(&Check) -> bool,
        severity: impl Fn(&Check) -> Option<Severity>,
    ) {
        self.checks.retain(|c| keep(c));
        for check in &mut self.checks {
            if let Some(sev) = severity(check) {
                let mut changed = (**check).clone();
                changed.severity = sev;
                *check = Arc::new(changed);
            }
        }
        self.lookup = Lookup::of(&self.checks);
    }

    /// Finds a check by id or alias (case-insensitive for aliases).
    pub fn find(&self, id: &str) -> Option<&Arc<Check>> {
        self.checks.iter().find(|c| c.id == id).or_else(|| {
            self.checks
                .iter()
                .find(|c| c.aliases.iter().any(|a| a.eq_ignore_ascii_case(id)))
        })
    }

    /// Runs every check on the model, in parallel by check; `share` is how much of a
    /// family's internet the network checks count as the internet.
    pub fn run(&self, model: &Model, share: BroadShare) -> CheckResults {
        self.run_until(model, share, None).0
    }

    /// Runs every check that starts before `deadline` (`--timeout`); returns the results
    /// and the ids of the checks that did not run.
    pub fn run_until(
        &self,
        model: &Model,
        share: BroadShare,
        deadline: Option<std::time::Instant>,
    ) -> (CheckResults, Vec<String>) {
        let (parts, skipped) = self.run_parts(model, share, deadline);
        let mut all = CheckResults::default();
        all.findings
            .reserve_exact(parts.iter().map(|p| p.findings.len()).sum());
        all.unknown
            .reserve_exact(parts.iter().map(|p| p.unknown.len()).sum());
        // Several checks read the same input; each problem is reported once (the first
        // time, in check order), found by hashing: O(diagnostics).
        let mut seen: std::collections::HashSet<Diagnostic> = std::collections::HashSet::new();
        for p in parts {
            all.findings.extend(p.findings);
            all.unknown.extend(p.unknown);
            for d in p.diagnostics {
                if seen.insert(d.clone()) {
                    all.diagnostics.push(d);
                }
            }
        }
        let mut skipped: Vec<String> = skipped
            .into_iter()
            .filter_map(|i| self.checks.get(i).map(|c| c.id.clone()))
            .collect();
        skipped.sort();
        (all, skipped)
    }

    /// Runs every check that starts before `deadline`: the results of each check (in
    /// the order of `self.checks`, settled and with covered findings dropped) and the
    /// positions of the checks that did not run.
    pub(crate) fn run_parts(
        &self,
        model: &Model,
        share: BroadShare,
        deadline: Option<std::time::Instant>,
    ) -> (Vec<CheckResults>, Vec<usize>) {
        let context = Context::new(model, share).running(&self.lookup.severity);
        // The shared analyses are built first, side by side. Built on demand, the first
        // check to need one builds it while every other check that needs it waits,
        // idling a worker.
        if self.checks.iter().any(|c| c.judged_by == Logic::Rust) {
            rayon::join(
                || {
                    context.networks();
                },
                || {
                    context.policies();
                },
            );
        }
        let late = || deadline.is_some_and(|d| std::time::Instant::now() >= d);
        // Only the checks with something to judge here are scheduled; the others are
        // skipped with the root when its deadline has already passed.
        let runs = self.lookup.runs_in(model);
        let (scheduled, idle): (Vec<usize>, Vec<usize>) =
            (0..self.checks.len()).partition(|&i| runs.get(i).copied().unwrap_or(true));
        let skipped = std::sync::Mutex::new(if late() { idle } else { Vec::new() });
        let ran: Vec<(usize, CheckResults)> = scheduled
            .into_par_iter()
            .map(|i| {
                let mut out = CheckResults::default();
                let Some(check) = self.checks.get(i) else {
                    return (i, out);
                };
                if late() {
                    if let Ok(mut s) = skipped.lock() {
                        s.push(i);
                    }
                    return (i, out);
                }
                if check.judged_by == Logic::Rust {
                    if let Some(f) = self.judges.get(&check.id) {
                        f(check, &context, &mut out);
                    }
                } else {
                    for rtype in &check.resources {
                        for inst in model.resources(rtype) {
                            declarative::run(check, model, inst, &mut out);
                        }
                    }
                }
                (i, out)
            })
            .collect();
        let mut parts: Vec<CheckResults> = std::iter::repeat_with(CheckResults::default)
            .take(self.checks.len())
            .collect();
        for (i, out) in ran {
            if let Some(part) = parts.get_mut(i) {
                *part = out;
            }
        }
        (self.settle)(&context, &mut parts);
        drop_covered(&self.lookup.covers, &mut parts);
        // The shared analyses are no longer needed: free them (one root's network per
        // task) before the results are gathered, into vectors sized once.
        let Context {
            networks, policies, ..
        } = context;
        rayon::join(
            || {
                if let Some(n) = networks.into_inner() {
                    n.into_par_iter().for_each(drop);
                }
            },
            || drop(policies),
        );
        (parts, skipped.into_inner().unwrap_or_default())
    }
}

/// Drops the findings of checks whose resource a covering check (`covered_by`) reports:
/// one root cause, one finding. `parts[i]` holds the results of check `i`, and
/// `covers[i]` the positions of the checks that cover it; O(checks + findings).
fn drop_covered(covers: &[Vec<usize>], parts: &mut [CheckResults]) {
    if covers.iter().all(Vec::is_empty) {
        return;
    }
    // Which findings to keep, decided while every part is borrowed; applied after.
    let keep: Vec<(usize, Vec<bool>)> = {
        let covering: foldhash::HashSet<usize> = covers.iter().flatten().copied().collect();
        let mut reported: foldhash::HashSet<(usize, &str, &str)> = Default::default();
        for &j in &covering {
            for f in parts.get(j).map_or(&[][..], |p| &p.findings) {
                reported.insert((j, &f.resource.root, &f.resource.address));
            }
        }
        covers
            .iter()
            .zip(parts.iter())
            .enumerate()
            .filter(|(_, (covers, _))| !covers.is_empty())
            .map(|(i, (covers, part))| {
                let keep = part.findings.iter().map(|f| {
                    let key = |j| (j, &*f.resource.root, &*f.resource.address);
                    !covers.iter().any(|&j| reported.contains(&key(j)))
                });
                (i, keep.collect())
            })
            .collect()
    };
    for (i, keep) in keep {
        if let Some(part) = parts.get_mut(i) {
            let mut keep = keep.into_iter();
            part.findings.retain(|_| keep.next().unwrap_or(true));
        }
    }
}

/// The check files (`*.toml`) under a checks directory, as (path, error). A checks
/// directory may sit in the scanned tree, so a symlink in it is followed only when it
/// stays inside the directory (a check file linked to `/etc/passwd` would put its lines
/// in the parse error), and each directory is listed once (a symlink loop ends).
fn collect_toml(dir: &Path, out: &mut Vec<(std::path::PathBuf, Option<String>)>) {
    let Ok(top) = dir.canonicalize() else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if !dir.canonicalize().is_ok_and(|c| seen.insert(c)) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        let mut subdirs = Vec::new();
        for p in entries {
            let inside = crate::untrusted::confine(&p, &top, "the checks directory");
            if p.is_dir() {
                if inside.is_ok() {
                    subdirs.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "toml") {
                let refusal = inside.err().map(|e| format!("not read: {e}"));
                out.push((p, refusal));
            }
        }
        // Depth first, in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}
