//! The baseline: the fingerprints of findings a team has accepted for now, so CI fails
//! only on new ones.
//!
//! The file is JSON, sorted so that it diffs well under review:
//!
//! ```json
//! {
//!   "tfscan_baseline": 1,
//!   "findings": [
//!     {"fingerprint": "3f1c…", "check_id": "aws-s3-bucket-encryption-disabled",
//!      "address": "aws_s3_bucket.logs", "root": "", "file": "main.tf"}
//!   ]
//! }
//! ```
//!
//! Only `fingerprint` decides; the other fields tell a reader what was accepted. A
//! fingerprint hashes the check id, the root module directory, the resource address and
//! the attribute path — never line numbers — so it survives edits elsewhere and code moving
//! within a file, while the same problem on another resource, or in another root, is new.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::source::SourceMap;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    tfscan_baseline: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    fingerprint: String,
    #[serde(default)]
    check_id: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    root: String,
    #[serde(default)]
    file: String,
}

/// The accepted fingerprints.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub fingerprints: BTreeSet<String>,
}

impl Baseline {
    /// Reads a baseline file of at most `limit` bytes; errors name the file.
    pub fn read(path: &Path, limit: u64) -> Result<Baseline, String> {
        let text = crate::untrusted::read_text(path, limit)
            .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a tfscan baseline: {e}", path.display()))?;
        if file.tfscan_baseline != FORMAT_VERSION {
            return Err(format!(
                "{}: baseline format {} is not supported (expected {FORMAT_VERSION})",
                path.display(),
                file.tfscan_baseline
            ));
        }
        Ok(Baseline {
            fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// Splits findings into new ones and those the baseline holds.
    pub fn split(&self, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Finding>) {
        findings
            .into_iter()
            .partition(|f| !self.fingerprints.contains(&*f.fingerprint.hex()))
    }
}

/// The baseline text for these findings.
pub fn render<'a>(findings: impl IntoIterator<Item = &'a Finding>, sources: &SourceMap) -> String {
    let entries: BTreeSet<Entry> = findings
        .into_iter()
        .map(|f| Entry {
            fingerprint: f.fingerprint.to_string(),
            check_id: f.check.id.clone(),
            address: f.resource.address.to_string(),
            root: f.resource.root.to_string(),
            file: sources
                .get(f.span.file)
                .map(|s| s.rel.clone())
                .unwrap_or_default(),
        })
        .collect();
    // One entry per fingerprint: two findings that share one are the same to the baseline.
    let mut seen = BTreeSet::new();
    let mut findings: Vec<Entry> = entries
        .into_iter()
        .filter(|e| seen.insert(e.fingerprint.clone()))
        .collect();
    findings.sort_by(|a, b| {
        (&a.file, &a.check_id, &a.address).cmp(&(&b.file, &b.check_id, &b.address))
    });
    let doc = BaselineFile {
        tfscan_baseline: FORMAT_VERSION,
        findings,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
