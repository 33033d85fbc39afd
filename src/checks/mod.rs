//! Checks whose logic is Rust, registered under their ids. Their metadata lives in
//! `checks/<area>/<id>.toml` like every other check.

/// Declares `function` the logic of the Rust check `id`, next to the function: build.rs
/// collects every `register!` under `src/checks/` into the registry, so no list of the
/// Rust checks is kept by hand. The expansion only checks the function's type.
macro_rules! register {
    ($id:literal, $function:path) => {
        const _: crate::engine::RustCheck = $function;
    };
}

mod alarms;
mod cloudtrail;
mod ecs;
mod iam;
mod iam_groups;
mod network;
mod network_cidr;
mod network_nacl;
mod network_reach;
mod network_rows;
mod network_sg_redundant;
mod provider;
mod rds;
mod s3;
mod secrets;

use std::path::Path;

use crate::engine::{Catalog, CheckResults, Context, RustCheck, RustChecks};

impl Catalog {
    /// The built-in checks, with the Rust checks registered here, plus those in
    /// `extra_dirs`; errors name the offending file.
    pub fn load(extra_dirs: &[impl AsRef<Path>]) -> Result<Catalog, Vec<String>> {
        let rust = RustChecks {
            by_id: registry().into_iter().collect(),
            settle,
        };
        Catalog::with_rust(extra_dirs, rust)
    }
}

/// What runs once every check has run, over all their results: one finding per root
/// cause where two checks see the same one (see `network_reach::share_causes`).
fn settle(cx: &Context<'_>, parts: &mut [CheckResults]) {
    network_reach::share_causes(cx, parts);
}

// `REGISTERED`: every `register!` of src/checks/, in file and line order.
include!(concat!(env!("OUT_DIR"), "/rust_checks.rs"));

/// Every Rust check, by id: the registered functions, and the CIS alarm function under
/// the id of each event class it judges.
fn registry() -> Vec<(&'static str, RustCheck)> {
    let cis_alarms = alarms::CLASSES
        .iter()
        .map(|c| (c.check_id, alarms::cis_alarm as RustCheck));
    REGISTERED.iter().copied().chain(cis_alarms).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each id is registered once; a second `register!` of an id would silently replace
    /// the first in the catalog's map.
    #[test]
    fn each_rust_check_is_registered_once() {
        let ids = registry();
        let mut seen = std::collections::HashSet::new();
        for (id, _) in &ids {
            assert!(seen.insert(*id), "{id} is registered twice");
        }
    }

    /// Every check file with `logic = "rust"` has its function, and every registered
    /// function its check file (`Catalog::with_rust` refuses either mismatch).
    #[test]
    fn registrations_and_check_files_agree() {
        let no_dirs: [&Path; 0] = [];
        assert!(Catalog::load(&no_dirs).is_ok());
        let stray = RustChecks {
            by_id: [("aws-no-such-check", REGISTERED[0].1)]
                .into_iter()
                .collect(),
            settle,
        };
        let errors = Catalog::with_rust(&no_dirs, stray)
            .err()
            .expect("a stray registration is refused");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("registered under 'aws-no-such-check'")),
            "{errors:?}"
        );
    }
}
