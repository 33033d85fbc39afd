//! The JUnit XML report, for CI systems that show test results (GitLab's test report and
//! merge-request widget, Jenkins' JUnit plugin).
//!
//! Shape: one `<testsuite>` per check that ran (named by its id), and in it one
//! `<testcase>` per resource the check applied to, named by the resource address, with
//! classname `tfscan.<area>.<check id>`. A resource with a finding is a `<failure>` (every
//! finding of that check on it in the text, the first in `message`); one whose findings
//! are all suppressed or baselined, or that the check could not decide, is `<skipped>`;
//! the others pass. Scan errors (a file that could not be parsed) are `<error>` cases in a
//! `tfscan` suite.
//!
//! Why per check and resource rather than one case per check: GitLab compares the test
//! report of a merge request with its target branch case by case (suite, classname and
//! name), so a case per resource lets it list exactly which resources newly fail and
//! which were fixed; the counts (tests, failures, skipped) then mean "resources checked"
//! in both GitLab and Jenkins. Jenkins groups cases by the dotted classname, which gives a
//! tree of area → check → resource.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::{Report, RuleRun};
use crate::finding::Finding;
use crate::source::Span;

/// O(R log R) in the results: findings, suppressed, baselined and undecided results are
/// grouped by (check, resource) once, and each check reads its own with a range lookup.
pub fn render(r: &Report) -> String {
    let mut report = quick_junit::Report::new("tfscan");
    let results = Results::of(r);
    for run in &r.rules {
        if r.min_severity.is_some_and(|min| run.check.severity < min) {
            continue;
        }
        report.add_test_suite(check_suite(r, run, &results));
    }
    if let Some(suite) = error_suite(r) {
        report.add_test_suite(suite);
    }
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- tfscan: could not write JUnit XML: {e} -->\n"))
}

/// A report's results by (check id, address), so each case finds its own in one lookup.
struct Results<'r> {
    failing: BTreeMap<(&'r str, &'r str), Vec<&'r Finding>>,
    /// Why the case is skipped, and the resource's header.
    silenced: BTreeMap<(&'r str, &'r str), (String, Span)>,
    undecided: BTreeMap<(&'r str, &'r str), (String, Span)>,
}

impl<'r> Results<'r> {
    fn of(r: &'r Report) -> Results<'r> {
        let mut failing: BTreeMap<(&str, &str), Vec<&Finding>> = BTreeMap::new();
        for f in &r.findings {
            failing
                .entry((f.check.id.as_str(), &*f.resource.address))
                .or_default()
                .push(f);
        }
        let mut silenced: BTreeMap<(&str, &str), (String, Span)> = BTreeMap::new();
        for s in &r.suppressed {
            let f = &s.finding;
            silenced
                .entry((f.check.id.as_str(), &*f.resource.address))
                .or_insert_with(|| (format!("suppressed: {}", s.reason), f.resource.header));
        }
        if let Some(b) = &r.baseline {
            for f in &b.findings {
                silenced
                    .entry((f.check.id.as_str(), &*f.resource.address))
                    .or_insert_with(|| (format!("in the baseline {}", b.file), f.resource.header));
            }
        }
        let mut undecided: BTreeMap<(&str, &str), (String, Span)> = BTreeMap::new();
        for u in &r.unknown {
            undecided
                .entry((u.check.id.as_str(), &*u.resource.address))
                .or_insert_with(|| (format!("undecided: {}", u.reason), u.resource.header));
        }
        Results {
            failing,
            silenced,
            undecided,
        }
    }
}

/// One check's suite: a case per resource it applied to.
fn check_suite(r: &Report, run: &RuleRun, results: &Results<'_>) -> TestSuite {
    let check = &run.check;
    let id = check.id.as_str();
    // The resources the check applied to, plus any a Rust check reported on beyond
    // its declared types, and those of its suppressed or undecided results (which
    // always belong to an evaluated resource); each once, in a stable order.
    let mut subjects: BTreeMap<&str, Span> = run
        .resources
        .iter()
        .map(|(address, header)| (&**address, *header))
        .collect();
    for ((_, address), found) in of_check(&results.failing, id) {
        if let Some(f) = found.first() {
            subjects.entry(address).or_insert(f.resource.header);
        }
    }
    for ((_, address), (_, header)) in
        of_check(&results.silenced, id).chain(of_check(&results.undecided, id))
    {
        subjects.entry(address).or_insert(*header);
    }

    let mut suite = TestSuite::new(id);
    for (address, header) in subjects {
        let key = (id, address);
        let (status, at) = if let Some(found) = results.failing.get(&key)
            && let Some(first) = found.first()
        {
            (failure(r, first, found), first.span)
        } else if let Some((why, _)) = results
            .silenced
            .get(&key)
            .or_else(|| results.undecided.get(&key))
        {
            let mut s = TestCaseStatus::skipped();
            s.set_message(why.clone());
            (s, header)
        } else {
            (TestCaseStatus::success(), header)
        };
        let mut case = TestCase::new(address, status);
        case.set_classname(format!("tfscan.{}.{}", check.area, id));
        if let Some(file) = r.file_of(at) {
            case.extra
                .insert("file".into(), repository_path(r, file).into());
        }
        suite.add_test_case(case);
    }
    suite
}

/// The `tfscan` suite of scan errors, one `<error>` case each; none without errors.
fn error_suite(r: &Report) -> Option<TestSuite> {
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.kind.is_error()).collect();
    if errors.is_empty() {
        return None;
    }
    let mut suite = TestSuite::new("tfscan");
    for d in errors {
        let (name, file) = match d.span.and_then(|s| r.location(s)) {
            Some(l) => (
                format!("{}:{}:{}", l.file, l.start.line, l.start.column),
                Some(l.file),
            ),
            None => ("scan".to_string(), None),
        };
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status.set_message(d.message.clone());
        status.set_type(serde_json::to_value(d.kind).map_or_else(
            |_| String::new(),
            |v| v.as_str().unwrap_or_default().to_string(),
        ));
        let mut case = TestCase::new(name, status);
        case.set_classname("tfscan.scan");
        if let Some(file) = file {
            case.extra
                .insert("file".into(), repository_path(r, &file).into());
        }
        suite.add_test_case(case);
    }
    Some(suite)
}

/// A failure carrying every finding of the check on the resource: the first message in
/// `message`, and each finding with its location (and its related locations) in the text.
fn failure(r: &Report, first: &Finding, found: &[&Finding]) -> TestCaseStatus {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    let more = match found.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    status.set_message(format!("{}{more}", first.message));
    status.set_type(first.severity.as_str());
    let mut text = String::new();
    for f in found {
        text.push_str(&format!(
            "{}: {} {}\n",
            position(r, f.span),
            f.severity.as_str(),
            f.message
        ));
        for rel in f.related() {
            text.push_str(&format!("  {}: {}\n", position(r, rel.span), rel.message));
        }
    }
    let remediation = first.check.remediation.trim();
    if !remediation.is_empty() {
        text.push_str("\nRemediation:\n");
        text.push_str(remediation);
        text.push('\n');
    }
    status.set_description(text);
    status
}

fn position(r: &Report, span: Span) -> String {
    match r.location(span) {
        Some(l) => format!("{}:{}:{}", l.file, l.start.line, l.start.column),
        None => "?".to_string(),
    }
}

fn repository_path(r: &Report, file: &str) -> String {
    super::repository_path(&r.repository_prefix, file)
}

/// The entries of one check in a map keyed by (check id, address).
fn of_check<'a, 'k, V>(
    map: &'a BTreeMap<(&'k str, &'k str), V>,
    id: &'k str,
) -> impl Iterator<Item = (&'a (&'k str, &'k str), &'a V)> {
    map.range((id, "")..)
        .take_while(move |((check, _), _)| *check == id)
}
