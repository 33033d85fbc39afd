//! Checking a scan root module by root module: each root's instances become a model of
//! their own, the checks run on it, and only the results are kept, so the models of all
//! roots (tens of times the size of their source) are never in memory at once.
//!
//! This gives the results checking every root's instances in one model would give,
//! because every check judges a resource against its own root only: joins go through
//! the per-root indexes (`Model::get_in`, `value_index`, the network `Index`), the network
//! and policy analyses are built per root, and what runs after the checks
//! (`covered_by`, shared causes) matches findings by root and address. Gathering the
//! roots' results ([`join`]) restores the order one model gives where it is visible:
//! diagnostics by check, and the resources each check applied to by resource type.

use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::finding::{Finding, UnknownResult};
use crate::model::{Model, ResourceInstance};
use crate::network::BroadShare;
use crate::source::Span;

use super::{Catalog, CheckResults};

/// What a scan keeps of one root once its checks have run.
#[derive(Debug, Default)]
pub struct RootRun {
    pub findings: Vec<Finding>,
    pub unknown: Vec<UnknownResult>,
    /// Each diagnostic with the position of the check that raised it.
    diagnostics: Vec<(usize, Diagnostic)>,
    /// The positions of the checks `--timeout` left unrun on this root.
    skipped: Vec<usize>,
    /// (check position, position in the check's resource types, address, header) of
    /// each instance a check applied to; empty unless asked for.
    subjects: Vec<(u32, u32, Arc<str>, Span)>,
    /// The root's instances (managed and data resources, not providers).
    resources: usize,
}

/// What a scan's checks gave over every root, as [`Catalog::run_until`] gives it on one
/// model holding every root.
#[derive(Debug, Default)]
pub struct Joined {
    pub results: CheckResults,
    /// The ids of the checks that did not run on some root, sorted.
    pub not_run: Vec<String>,
    /// For each check of the catalogue, the address and header of each instance it
    /// applied to (empty unless asked for).
    pub subjects: Vec<Vec<(Arc<str>, Span)>>,
    pub resources: usize,
}

impl Catalog {
    /// Runs the checks that start before `deadline` on one root's instances and keeps
    /// the results; the model is freed before this returns. With `subjects`, it also
    /// lists the instances each check applied to. O(the checks' cost on this root).
    pub fn run_root(
        &self,
        instances: Vec<ResourceInstance>,
        share: BroadShare,
        deadline: Option<std::time::Instant>,
        subjects: bool,
    ) -> RootRun {
        let model = Model::new(instances);
        let (parts, skipped) = self.run_parts(&model, share, deadline);
        let mut run = RootRun {
            findings: Vec::with_capacity(parts.iter().map(|p| p.findings.len()).sum()),
            unknown: Vec::with_capacity(parts.iter().map(|p| p.unknown.len()).sum()),
            skipped,
            resources: model.instances.len(),
            ..RootRun::default()
        };
        for (i, p) in parts.into_iter().enumerate() {
            // Most checks have nothing to say about a root.
            if p.findings.is_empty() && p.unknown.is_empty() && p.diagnostics.is_empty() {
                continue;
            }
            run.findings.extend(p.findings);
            run.unknown.extend(p.unknown);
            run.diagnostics
                .extend(p.diagnostics.into_iter().map(|d| (i, d)));
        }
        if subjects {
            run.subjects = self.subjects(&model);
        }
        run
    }

    /// The instances of `model` each check applies to (instances of its resource types).
    fn subjects(&self, model: &Model) -> Vec<(u32, u32, Arc<str>, Span)> {
        let mut out = Vec::new();
        for (i, check) in self.checks.iter().enumerate() {
            for (k, rtype) in check.resources.iter().enumerate() {
                let at = (position(i), position(k));
                out.extend(
                    model
                        .resources(rtype)
                        .map(|r| (at.0, at.1, r.address.clone(), r.header)),
                );
            }
        }
        out
    }

    /// Joins the roots' runs, given in root order: findings and undecided results root
    /// by root; diagnostics in check order, each once (the first time); each check's
    /// resources by resource type, then root. O(results log results).
    pub fn join(&self, runs: Vec<RootRun>) -> Joined {
        let mut joined = Joined {
            subjects: vec![Vec::new(); self.checks.len()],
            ..Joined::default()
        };
        let results = &mut joined.results;
        results
            .findings
            .reserve_exact(runs.iter().map(|r| r.findings.len()).sum());
        results
            .unknown
            .reserve_exact(runs.iter().map(|r| r.unknown.len()).sum());
        let mut diagnostics = Vec::new();
        let mut skipped = std::collections::BTreeSet::new();
        let mut typed: Vec<Vec<(u32, Arc<str>, Span)>> = vec![Vec::new(); self.checks.len()];
        for run in runs {
            results.findings.extend(run.findings);
            results.unknown.extend(run.unknown);
            diagnostics.extend(run.diagnostics);
            skipped.extend(run.skipped);
            joined.resources += run.resources;
            for (i, k, address, header) in run.subjects {
                if let Some(list) = typed.get_mut(i as usize) {
                    list.push((k, address, header));
                }
            }
        }
        // Stable sorts: within a check (or a type), root order stays.
        diagnostics.sort_by_key(|(i, _)| *i);
        let mut seen = std::collections::HashSet::new();
        for (_, d) in diagnostics {
            if seen.insert(d.clone()) {
                results.diagnostics.push(d);
            }
        }
        for (list, mut of_check) in joined.subjects.iter_mut().zip(typed) {
            of_check.sort_by_key(|(k, _, _)| *k);
            *list = of_check.into_iter().map(|(_, a, h)| (a, h)).collect();
        }
        let mut not_run: Vec<String> = skipped
            .into_iter()
            .filter_map(|i| self.checks.get(i).map(|c| c.id.clone()))
            .collect();
        not_run.sort();
        joined.not_run = not_run;
        joined
    }
}

/// A position in a list as the compact index [`RootRun`] stores.
fn position(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
