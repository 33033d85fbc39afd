//! The check format: TOML with a check's metadata and, when the logic is declarative,
//! its conditions. A declarative check is one file `checks/<area>/<id>.toml`; a Rust
//! check's metadata is the same TOML, written beside its function in `src/checks/`.
//!
//! TOML rather than YAML: it is what Rust tooling already reads, it has no implicit typing
//! surprises (`no` stays a string), multi-line strings carry Terraform snippets verbatim,
//! and `deny_unknown_fields` turns every typo in a check into an error that names it.

use serde::Deserialize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }

    pub(crate) const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];
}

/// The areas of cloud security checks are grouped in.
pub(crate) const AREAS: [&str; 8] = [
    "network",
    "serverless",
    "kubernetes",
    "application",
    "data",
    "encryption",
    "iam",
    "monitoring",
];

/// One check, as written in `checks/<area>/<id>.toml` (or, for a Rust check, in the
/// `check!` beside its function).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The check's id: kebab-case, a namespace first (`acme-s3-bucket-named`); never
    /// renamed once used, since ignores, baselines and fingerprints name it.
    pub id: String,
    /// One line, naming the problem.
    pub title: String,
    /// `critical`, `high`, `medium` or `low` (see docs/severity.md).
    pub severity: Severity,
    /// One of `network`, `serverless`, `kubernetes`, `application`, `data`,
    /// `encryption`, `iam`, `monitoring`.
    pub area: String,
    /// The resource types the check applies to (`aws_s3_bucket`); data sources with their
    /// `data.` prefix.
    pub resources: Vec<String>,
    /// What is wrong and why it matters (Markdown).
    pub description: String,
    /// How to fix it, with a Terraform snippet (Markdown); its first paragraph is the
    /// human report's hint.
    pub remediation: String,
    /// Links to the provider's or AWS's documentation.
    #[serde(default)]
    pub references: Vec<String>,
    /// Other tools' ids for the same rule (tfsec/Trivy `AVD-AWS-0107`, Checkov
    /// `CKV_AWS_24`): ignore comments and `--include-checks` accept them.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Conditions that select which instances the check applies to.
    #[serde(default)]
    pub when: Vec<Cond>,
    /// Conditions a compliant instance meets; the first that fails is the finding.
    #[serde(default)]
    pub require: Vec<Cond>,
    /// Message when a requirement without its own message fails (the title when
    /// absent); `{value}` and `{attribute}` are replaced as in a requirement's message.
    #[serde(default)]
    pub message: Option<String>,
    /// Checks whose finding on the same resource already names this check's root cause
    /// (a bucket with no default encryption at all is `aws-s3-bucket-encryption-disabled`,
    /// not also "not a customer-managed key"): when one of them reports the resource, this
    /// check does not. When they do not run, this check reports it.
    #[serde(default)]
    pub covered_by: Vec<String>,
    /// Accepted for check files written before Rust checks moved beside their function:
    /// only `"declarative"`, which a check file always is.
    #[serde(default)]
    pub logic: Option<String>,
    /// Where the file came from (set by the loader, not written in the file).
    #[serde(skip)]
    pub source: String,
    /// How the check judges (set by the loader from where the check is written).
    #[serde(skip)]
    pub judged_by: Logic,
}

/// How a check judges: by the conditions of its file, or by the Rust function it was
/// written beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Logic {
    /// `when` and `require` conditions, run by the declarative interpreter.
    #[default]
    Declarative,
    /// The function of its `check!` in `src/checks/`.
    Rust,
}

impl Check {
    /// Where the check is documented: its first reference (what SARIF gives as the rule's
    /// `helpUri`), else its entry in the check reference (`docs/checks.md`, one anchor
    /// per check id).
    pub(crate) fn help_uri(&self) -> String {
        match self.references.first() {
            Some(r) => r.clone(),
            None => format!("{}/docs/checks#{}", env!("CARGO_PKG_HOMEPAGE"), self.id),
        }
    }
}

/// A regular expression of a check file. Its syntax is checked when the file is read,
/// so a bad pattern is reported with its line; a team's check file has its patterns
/// compiled then too ([`validate`]), while a built-in check's are compiled on first
/// use (a unit test compiles every one): compiling all 41 built-in patterns up front
/// was over a third of a one-file scan's instructions, and most scans judge few of them.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    compiled: std::sync::OnceLock<regex::Regex>,
}

/// The pattern as written: whether it was compiled yet is not part of the check.
impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

impl Pattern {
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| {
                regex::Regex::new(&self.source).expect(
                    "a pattern compiles: team patterns are compiled when read, built-in ones \
                     by check::tests::builtin_patterns_compile",
                )
            })
            .is_match(text)
    }

    /// Compiles the pattern now (once), or says why it cannot be: its syntax was
    /// checked when read, but a pattern can still be too large to compile.
    fn compile(&self) -> Result<(), String> {
        if self.compiled.get().is_some() {
            return Ok(());
        }
        let regex = regex::Regex::new(&self.source)
            .map_err(|e| format!("invalid regex '{}': {e}", self.source))?;
        // Another thread may have compiled it meanwhile: either copy will do.
        let _ = self.compiled.set(regex);
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        // The syntax the regex crate accepts: it parses with this same crate and options.
        regex_syntax::ParserBuilder::new()
            .build()
            .parse(&source)
            .map_err(|e| serde::de::Error::custom(format!("invalid regex '{source}': {e}")))?;
        Ok(Pattern {
            source,
            compiled: std::sync::OnceLock::new(),
        })
    }
}

/// A condition on a resource (or nested block) body.
///
/// Exactly one *target* (`attribute`, `block`, `related`, `referenced`, `resource_type`)
/// or *combinator* (`any_of`, `all_of`, `not`) is given; predicates apply to the target.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cond {
    /// A dotted path through attributes, object keys and nested blocks.
    ///
    /// A condition with `present` as its only predicate judges whether the attribute is
    /// set, so a value known only after apply counts as present: Terraform would have
    /// to know it to be null, and references and required variables never are.
    pub attribute: Option<String>,
    /// A dotted path to nested blocks.
    pub block: Option<String>,
    /// A companion resource that refers to this one (a table, see `related` below).
    pub related: Option<Relation>,
    /// The resource this one points at through one of its attributes (a table, see
    /// `referenced` below).
    pub referenced: Option<Reference>,
    /// The checked resource is of one of these types: for a check on several types
    /// whose arguments or defaults differ (an `aws_rds_cluster` without `engine` is
    /// Aurora; an `aws_db_instance` without one inherits its source's engine).
    pub resource_type: Option<Vec<String>>,

    /// `true`: the target is set (an attribute not null, at least one block); `false`:
    /// it is not.
    pub present: Option<bool>,
    /// The value equals this one (strings, numbers, booleans, lists and tables compare
    /// as Terraform values).
    pub equals: Option<toml::Value>,
    /// The value is set and differs from this one.
    pub not_equals: Option<toml::Value>,
    /// The value is one of these.
    pub one_of: Option<Vec<toml::Value>>,
    /// The value is none of these.
    pub not_one_of: Option<Vec<toml::Value>>,
    /// A regular expression the (string) value must match.
    pub matches: Option<Pattern>,
    /// A regular expression the (string) value must not match.
    pub not_matches: Option<Pattern>,
    /// The (number) value is greater than this.
    pub gt: Option<f64>,
    /// The (number) value is at least this.
    pub gte: Option<f64>,
    /// The (number) value is less than this.
    pub lt: Option<f64>,
    /// The (number) value is at most this.
    pub lte: Option<f64>,
    /// The value is an AWS schedule expression (`rate(30 days)`, `cron(0 4 1 * ? *)`)
    /// whose runs are never more than this many days apart. A `cron` too irregular to
    /// judge exactly leaves the condition undecided, and anything else fails it.
    pub schedule_within_days: Option<f64>,
    /// The provider's default, used when the attribute is absent.
    pub default: Option<toml::Value>,
    /// The value is a reference to a resource of one of these types (`aws_kms_key`), such
    /// as `aws_kms_key.app.arn`: a value known only after apply, but known to come from a
    /// resource this configuration declares. A literal value does not meet it; a value
    /// known only after apply that refers to no resource is undecided. Data sources are
    /// named with their `data.` prefix (`data.aws_kms_key`). It is judged alone: the
    /// other predicates of the condition are not consulted; combine it with `any_of` to
    /// accept literal values as well.
    pub references: Option<Vec<String>>,

    /// Some block at `block` meets all of these.
    pub any: Option<Vec<Cond>>,
    /// Every block at `block` meets all of these.
    pub all: Option<Vec<Cond>>,

    /// At least one of these conditions holds (on the same body).
    pub any_of: Option<Vec<Cond>>,
    /// Every one of these conditions holds (on the same body).
    pub all_of: Option<Vec<Cond>>,
    /// This condition does not hold.
    pub not: Option<Box<Cond>>,

    /// Inside `any_of`: when every alternative fails and this one failed on a value
    /// written in the configuration, the finding points at that value (by default it
    /// points at the first alternative that names a value). For a condition like
    /// "`source_security_group_ids` is set and not `[]`", so a finding points at the `[]`.
    pub report_at: Option<bool>,

    /// Message of the finding when this requirement fails; `{value}` is replaced by the
    /// offending value and `{attribute}` by the path.
    pub message: Option<String>,

    /// Whether an absent target meets the predicates (its default, or null without one;
    /// `false` also when that is unknown), worked out by the interpreter the first time
    /// one is absent: it depends on the condition alone, and judging the default again
    /// for every instance without the attribute was a fifth of judging attributes. Not
    /// read from the check file.
    #[serde(skip)]
    pub(crate) absent_meets: std::sync::OnceLock<bool>,
}

impl Cond {
    /// The conditions nested directly in this one: of its block (`any`, `all`), its
    /// combinators (`any_of`, `all_of`, `not`) and its `related` or `referenced`
    /// resource.
    pub(crate) fn nested(&self) -> impl Iterator<Item = &Cond> {
        self.any
            .iter()
            .chain(&self.all)
            .chain(&self.any_of)
            .chain(&self.all_of)
            .flatten()
            .chain(self.not.as_deref())
            .chain(self.related.iter().flat_map(|r| &r.require))
            .chain(self.referenced.iter().flat_map(|r| &r.require))
    }
}

/// A companion resource that refers to the checked one, such as an
/// `aws_s3_bucket_server_side_encryption_configuration` whose `bucket` is the bucket.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The companion's type (`aws_s3_bucket_versioning`).
    pub resource: String,
    /// The companion's attribute that holds the reference.
    pub via: String,
    /// Attributes of the checked resource a literal `via` value may equal (a name, an id
    /// or an ARN). Default: `id`, `arn`, `name`, `bucket`.
    #[serde(default)]
    pub matching: Vec<String>,
    /// Conditions the companion meets; none means it only has to exist.
    #[serde(default)]
    pub require: Vec<Cond>,
}

/// The resource the checked one points at through one of its own attributes, such as the
/// `aws_api_gateway_rest_api` an `aws_api_gateway_stage` names in `rest_api_id`: the
/// outward counterpart of [`Relation`].
///
/// The condition holds when the attribute points at a resource of type `resource` (by
/// reference, or by a literal equal to one of its `matching` attributes) that meets every
/// `require`. It fails when the attribute is absent or points at a resource of another
/// type, and is undecided when the attribute is known only after apply without naming a
/// resource, or is a literal that no resource of this configuration carries (the
/// resource lives elsewhere, so its settings cannot be judged).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The checked resource's attribute that holds the reference.
    pub via: String,
    /// The type of the referenced resource.
    pub resource: String,
    /// Attributes of the referenced resource a literal `via` value may equal. Default:
    /// `id`, `arn`, `name`, `bucket`.
    #[serde(default)]
    pub matching: Vec<String>,
    /// Conditions the referenced resource meets; none means it only has to exist.
    #[serde(default)]
    pub require: Vec<Cond>,
}

/// Reads and validates one check file.
pub fn parse_check(source: &str, text: &str) -> Result<Check, String> {
    let mut check: Check = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
    check.source = source.to_string();
    validate(&check, Compile::Now).map_err(|e| format!("{source}: {e}"))?;
    Ok(check)
}

/// Reads and validates the metadata of a Rust check: `text`, written in `file` from
/// line `line` on (the line of the raw string's opening quote). Errors name the file and
/// the line (and column) inside it.
pub fn parse_rust_check(file: &str, line: usize, text: &str) -> Result<Check, String> {
    let at = |offset: usize| {
        let before = text.get(..offset).unwrap_or(text);
        let row = line + before.matches('\n').count();
        let column = before.chars().rev().take_while(|c| *c != '\n').count() + 1;
        format!("{file}:{row}:{column}")
    };
    let mut check: Check = toml::from_str(text).map_err(|e| {
        let place = e
            .span()
            .map_or_else(|| format!("{file}:{line}"), |s| at(s.start));
        format!("{place}: {}", e.message().trim_end())
    })?;
    check.source = format!("{file}:{line}");
    check.judged_by = Logic::Rust;
    validate(&check, Compile::Now).map_err(|e| format!("{}: {e}", check.source))?;
    Ok(check)
}

/// A built-in check as build.rs embeds it: the JSON of its TOML, with its description
/// and remediation (when they are strings) apart, as written, and `""` in their place in
/// the JSON. Those two Markdown texts are over half of the checks' JSON and nearly all
/// its escapes (each line break and quote); copied whole instead of unescaped, the
/// catalogue loads in about a third fewer instructions.
#[derive(Clone, Copy)]
pub struct Embedded {
    pub json: &'static str,
    pub description: Option<&'static str>,
    pub remediation: Option<&'static str>,
}

/// Reads and validates a built-in check: a check file (`judged_by` declarative, `source`
/// its path) or a Rust check's metadata (`judged_by` Rust, `source` its `file:line`), as
/// build.rs embedded its TOML. The same check as [`parse_check`] or [`parse_rust_check`]
/// makes of the TOML (a unit test compares them all); a JSON error has no position worth
/// giving, since the TOML is what was written.
pub(crate) fn parse_builtin(
    source: String,
    embedded: Embedded,
    judged_by: Logic,
) -> Result<Check, String> {
    let mut check: Check = match serde_json::from_str(embedded.json) {
        Ok(c) => c,
        Err(e) => {
            // serde_json ends its message with the position in the JSON: dropped.
            let e = e.to_string();
            let message = e.rsplit_once(" at line ").map_or(e.as_str(), |(m, _)| m);
            return Err(format!("{source}: {message}"));
        }
    };
    if let Some(text) = embedded.description {
        check.description = text.to_owned();
    }
    if let Some(text) = embedded.remediation {
        check.remediation = text.to_owned();
    }
    check.source = source;
    check.judged_by = judged_by;
    validate(&check, Compile::OnFirstUse).map_err(|e| format!("{}: {e}", check.source))?;
    Ok(check)
}

/// Whether `id` is a check id: kebab-case (lowercase ASCII letters, digits, hyphens) with
/// a namespace before the first hyphen, such as `aws-s3-bucket-public` (tfscan's own
/// checks) or `acme-s3-bucket-named` (a team's). The namespace starts with a letter.
pub(crate) fn is_check_id(id: &str) -> bool {
    let mut parts = id.split('-');
    let namespace = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    namespace.starts_with(|c: char| c.is_ascii_lowercase())
        && !rest.is_empty()
        && std::iter::once(namespace).chain(rest).all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// When a check's patterns are compiled: a team's check file's when it is read, so a
/// pattern too large to compile is reported with its file; a built-in check's on first
/// use (see [`Pattern`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Compile {
    Now,
    OnFirstUse,
}

fn validate(c: &Check, compile: Compile) -> Result<(), String> {
    if !is_check_id(&c.id) {
        return Err(format!(
            "check id '{}' must be kebab-case and start with a namespace, such as 'acme-s3-bucket-named'",
            c.id
        ));
    }
    if !AREAS.contains(&c.area.as_str()) {
        return Err(format!(
            "area '{}' is not one of {}",
            c.area,
            AREAS.join(", ")
        ));
    }
    if c.resources.is_empty() {
        return Err("resources must name at least one resource type".into());
    }
    match (c.judged_by, c.logic.as_deref()) {
        (Logic::Declarative, None | Some("declarative")) => {}
        (_, Some(other)) => {
            return Err(format!(
                "`logic = {other:?}`: a check file is declarative; a check written in Rust \
                 keeps its metadata beside its function (`check!` in src/checks/)"
            ));
        }
        (Logic::Rust, None) => {}
    }
    match c.judged_by {
        Logic::Declarative if c.require.is_empty() => {
            Err("a declarative check needs at least one [[require]]".into())
        }
        Logic::Declarative => {
            for cond in c.require.iter().chain(&c.when) {
                validate_cond(cond, compile)?;
            }
            Ok(())
        }
        // Its function is its logic: conditions and their message would never be read.
        Logic::Rust if !c.when.is_empty() || !c.require.is_empty() || c.message.is_some() => Err(
            "a Rust check's metadata has no when, require or message: its function judges".into(),
        ),
        Logic::Rust => Ok(()),
    }
}

fn validate_cond(c: &Cond, compile: Compile) -> Result<(), String> {
    let targets = [
        c.attribute.is_some(),
        c.block.is_some(),
        c.related.is_some(),
        c.referenced.is_some(),
        c.resource_type.is_some(),
        c.any_of.is_some(),
        c.all_of.is_some(),
        c.not.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if targets != 1 {
        return Err(
            "each condition needs exactly one of attribute, block, related, referenced, resource_type, any_of, all_of, not"
                .into(),
        );
    }
    if c.block.is_none() && (c.any.is_some() || c.all.is_some()) {
        return Err("any/all apply to a block condition".into());
    }
    for sub in c.nested() {
        validate_cond(sub, compile)?;
    }
    if compile == Compile::Now {
        for p in c.matches.iter().chain(&c.not_matches) {
            p.compile()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_id_is_kebab_case_with_a_namespace() {
        for id in ["aws-s3-bucket-public", "acme-s3-named", "k8s2-x", "a-1"] {
            assert!(is_check_id(id), "{id}");
        }
        for id in [
            "aws", "-aws-x", "aws--x", "aws-x-", "Acme-x", "1acme-x", "acme_x", "acme-x.y", "",
        ] {
            assert!(!is_check_id(id), "{id}");
        }
    }

    /// Check files written before Rust checks moved beside their functions said
    /// `logic = "declarative"`: still accepted; any other logic is refused, saying why.
    #[test]
    fn the_former_logic_key_is_accepted_only_as_declarative() {
        let file = |logic: &str| {
            format!(
                "id = \"acme-x\"\ntitle = \"t\"\nseverity = \"low\"\narea = \"network\"\n\
                 resources = [\"aws_vpc\"]\ndescription = \"d\"\nremediation = \"r\"\n{logic}\n\
                 [[require]]\nattribute = \"cidr_block\"\npresent = true\n"
            )
        };
        parse_check("x.toml", &file("")).expect("a check file without logic");
        assert!(parse_check("x.toml", &file("logic = \"declarative\"")).is_ok());
        let err = parse_check("x.toml", &file("logic = \"rust\"")).expect_err("refused");
        assert!(
            err.starts_with("x.toml: `logic = \"rust\"`: a check file is declarative"),
            "{err}"
        );
        let meta = "id = \"acme-y\"\ntitle = \"t\"\nseverity = \"low\"\narea = \"network\"\n\
                    resources = [\"aws_vpc\"]\ndescription = \"d\"\nremediation = \"r\"\n";
        assert!(parse_rust_check("src/checks/y.rs", 3, meta).is_ok());
        let err = parse_rust_check(
            "src/checks/y.rs",
            3,
            &format!("{meta}logic = \"declarative\"\n"),
        )
        .expect_err("refused");
        assert!(err.contains("a check file is declarative"), "{err}");
    }

    /// Built-in patterns are compiled on first use, so each must compile: this is the
    /// invariant [`Pattern::is_match`] relies on.
    #[test]
    fn builtin_patterns_compile() {
        let catalog =
            crate::engine::Catalog::load(&[] as &[&str]).expect("the built-in catalogue loads");
        let mut patterns = 0;
        for check in catalog.checks() {
            validate(check, Compile::Now).unwrap_or_else(|e| panic!("{}: {e}", check.id));
            patterns += check
                .require
                .iter()
                .chain(&check.when)
                .map(count_patterns)
                .sum::<usize>();
        }
        assert!(patterns > 0, "the built-in checks have patterns to compile");
    }

    fn count_patterns(c: &Cond) -> usize {
        let own = usize::from(c.matches.is_some()) + usize::from(c.not_matches.is_some());
        own + c.nested().map(count_patterns).sum::<usize>()
    }

    /// A team's pattern whose syntax is right but which is too large to compile is
    /// refused when its file is read, not when a resource is first judged.
    #[test]
    fn a_pattern_too_large_to_compile_is_refused_when_read() {
        let file = |pattern: &str| {
            format!(
                "id = \"acme-x\"\ntitle = \"t\"\nseverity = \"low\"\narea = \"network\"\n\
                 resources = [\"aws_vpc\"]\ndescription = \"d\"\nremediation = \"r\"\n\
                 [[require]]\nattribute = \"cidr_block\"\nmatches = \"{pattern}\"\n"
            )
        };
        let check = parse_check("x.toml", &file("^10[.]")).expect("a small pattern");
        let pattern = check.require[0].matches.as_ref().expect("its pattern");
        assert!(pattern.compiled.get().is_some(), "compiled when read");
        let err = parse_check("x.toml", &file("(\\\\w{100}){100}")).expect_err("refused");
        assert!(
            err.starts_with("x.toml: invalid regex '(\\w{100}){100}'"),
            "{err}"
        );
    }
}
