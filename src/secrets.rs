//! Detection of credentials in strings, for the checks that look for secrets hard-coded
//! in configuration (Lambda environments, ECS container definitions, EC2 user data,
//! CloudFormation stacks).
//!
//! Two kinds of evidence:
//! * **Patterns** that identify a credential on their own wherever they appear: AWS
//!   access key ids (`AKIA`/`ASIA` + 16 uppercase alphanumerics), private keys
//!   (`-----BEGIN … PRIVATE KEY-----`), GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`,
//!   `ghr_`, `github_pat_`), Slack tokens (`xoxb-`, `xoxp-`, …) and webhooks, and Stripe
//!   secret and restricted keys (`sk_live_`, `rk_test_`, …; publishable `pk_` keys are
//!   public by design).
//! * **Names**: a value assigned to a name that looks like a password, secret, token,
//!   API key or credential. An AWS secret access key is 40 base64 characters next to a
//!   name such as `aws_secret_access_key`. A password-like name needs any literal value
//!   of at least [`MIN_PASSWORD_LEN`] characters (passwords need not look random); other
//!   secret-like names need a token-like value: at least [`MIN_TOKEN_LEN`] characters,
//!   letters and digits, Shannon entropy of at least [`MIN_ENTROPY`] bits per character.
//!
//! Never reported: values that are references rather than secrets — interpolations
//! (`${…}`, `$VAR`, `$(…)`, `{{…}}`, CloudFormation `!Ref` and `{"Ref": …}`), ARNs (a
//! Secrets Manager secret or SSM parameter ARN is how a secret *should* be passed), URLs,
//! paths and host names; names that describe a secret rather than hold one
//! (`SECRET_ARN`, `TOKEN_TTL`, `PASSWORD_LENGTH`); and well-known placeholders
//! (`changeme`, `password`, `<password>`, `xxxx`, `TODO`, `REPLACE_ME`, …): a placeholder
//! discloses nothing, and configurations are full of them.
//!
//! AWS's documented example credentials (`AKIAIOSFODNN7EXAMPLE`,
//! `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) **are** reported: they have the shape of
//! real keys, and a configuration that carries them has a slot for a literal credential
//! that the next edit fills with a real one.
//!
//! Findings show values through [`mask`] only; a secret is never printed.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

/// Shortest literal a password-like name is reported for.
pub const MIN_PASSWORD_LEN: usize = 6;
/// Shortest value a token-like name (secret, token, api key, credential) is reported for.
pub const MIN_TOKEN_LEN: usize = 16;
/// Shannon entropy (bits per character) a token-like value must reach.
pub const MIN_ENTROPY: f64 = 3.0;

/// What a detected secret is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    AwsAccessKeyId,
    AwsSecretAccessKey,
    PrivateKey,
    GitHubToken,
    SlackToken,
    SlackWebhook,
    StripeKey,
    Password,
    /// A high-entropy value under a secret-like name.
    Token,
}

impl SecretKind {
    /// "an AWS access key id", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            SecretKind::AwsAccessKeyId => "an AWS access key id",
            SecretKind::AwsSecretAccessKey => "an AWS secret access key",
            SecretKind::PrivateKey => "a private key",
            SecretKind::GitHubToken => "a GitHub token",
            SecretKind::SlackToken => "a Slack token",
            SecretKind::SlackWebhook => "a Slack webhook URL",
            SecretKind::StripeKey => "a Stripe secret key",
            SecretKind::Password => "a password-like secret",
            SecretKind::Token => "a secret token",
        }
    }
}

/// One secret found in a string.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub kind: SecretKind,
    /// The name the value is assigned to, when there is one (env var, JSON key).
    pub name: Option<String>,
    /// The secret itself; show it only through [`Detection::shown`].
    pub secret: String,
    /// Byte offset of the secret in the scanned text (0 for a name/value pair).
    pub offset: usize,
}

impl Detection {
    /// "a password-like secret (hunt****)", for messages; AWS's documented example
    /// keys say so.
    pub fn summary(&self) -> String {
        let example = matches!(
            self.kind,
            SecretKind::AwsAccessKeyId | SecretKind::AwsSecretAccessKey
        ) && (self.secret.ends_with("EXAMPLE")
            || self.secret.ends_with("EXAMPLEKEY"));
        if example {
            format!(
                "{} ({}, AWS's documented example key)",
                self.kind.describe(),
                self.shown()
            )
        } else {
            format!("{} ({})", self.kind.describe(), self.shown())
        }
    }

    /// The secret as a message may show it: masked, or a private key's header.
    pub fn shown(&self) -> String {
        match self.kind {
            SecretKind::PrivateKey => self.secret.clone(),
            _ => mask(&self.secret),
        }
    }
}

/// Hides a secret: at most a 4-character prefix stays (fewer for short values, so that
/// no more than a quarter shows), followed by a fixed `****` that does not reveal the
/// length. "hunter2hunter2" → "hunt****".
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = if n >= 12 { 4 } else { n / 4 };
    let prefix: String = secret.chars().take(keep).collect();
    format!("{prefix}****")
}

/// Shannon entropy of the characters of `s`, in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_default() += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = n as f64;
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// A credential pattern, compiled the first time a text long enough for it to match is
/// searched: most texts are short (`LOG_LEVEL = "info"`), and compiling the six
/// patterns on the first text was about half a percent of a thousand-file scan.
struct Pattern {
    kind: SecretKind,
    source: &'static str,
    /// The fewest bytes a match takes (a unit test checks it against the pattern): a
    /// shorter text cannot match, and is not searched.
    min_len: usize,
    compiled: OnceLock<Regex>,
}

impl Pattern {
    const fn new(kind: SecretKind, source: &'static str, min_len: usize) -> Pattern {
        Pattern {
            kind,
            source,
            min_len,
            compiled: OnceLock::new(),
        }
    }

    fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| re(self.source))
    }
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("secret patterns are valid regexes")
}

static PATTERNS: [Pattern; 6] = [
    Pattern::new(
        SecretKind::AwsAccessKeyId,
        r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b",
        20,
    ),
    Pattern::new(
        SecretKind::PrivateKey,
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
        27,
    ),
    Pattern::new(
        SecretKind::GitHubToken,
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b",
        40,
    ),
    Pattern::new(
        SecretKind::SlackToken,
        r"\bxox[abposr]-[0-9A-Za-z]{8,}(?:-[0-9A-Za-z]+)+",
        15,
    ),
    Pattern::new(
        SecretKind::SlackWebhook,
        r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}",
        55,
    ),
    Pattern::new(
        SecretKind::StripeKey,
        r"\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,}\b",
        32,
    ),
];

/// Names that hold a password.
static PASSWORD_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:password|passwd|passphrase|(?:^|[_.-])pwd(?:$|[_.-])|_pass$)"));

/// Names that hold some other secret.
static SECRET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|credential|auth[_.-]?key|signing[_.-]?key|client[_.-]?secret)",
    )
});

/// Names of AWS secret access keys.
static AWS_SECRET_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:aws[_.-]?)?secret[_.-]?(?:access[_.-]?)?key"));

/// Names that describe a secret rather than hold it: `SECRET_ARN`, `TOKEN_TTL`.
static DESCRIPTIVE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[_.-](?:arn|name|id|file|path|url|uri|endpoint|host|ttl|length|len|expiry|expiration|expires|header|type|version|region|param|parameter|ref|policy|enabled|required|rotation|min|max|count|prefix|location|source)$",
    )
});

/// Values that are a placeholder, not a secret.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:change[_-]?me|password|passwd|secret|token|example|placeholder|dummy|todo|tbd|fixme|replace[_-]?me|redacted|none|null|nil|undefined|true|false|yes|no|enabled|disabled|your[_-].*|<.*>|\*+|x+|\.+|-+)$",
    )
});

/// True when `v` is a reference or an expression, not a literal.
fn is_reference(v: &str) -> bool {
    let v = v.trim();
    v.contains("${")
        || v.contains("{{")
        || v.starts_with('$')
        || v.starts_with('`')
        || v.starts_with('!')
        || v.starts_with('{')
        || v.starts_with('%')
        || v.starts_with("arn:")
        || v.contains("://")
        || v.starts_with('/')
        || v.starts_with("./")
        || v.starts_with("~/")
}

/// A host name such as `sts.amazonaws.com`.
fn is_host_name(v: &str) -> bool {
    v.contains('.')
        && v.split('.').all(|label| {
            !label.is_empty()
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        && v.rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_lowercase()))
}

fn is_base64ish_40(v: &str) -> bool {
    v.len() == 40
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '+')
}

/// True when the name is one a secret is assigned to, and not a name describing one.
pub fn is_secret_name(name: &str) -> bool {
    let snake = snake_case(name);
    (PASSWORD_NAME.is_match(&snake) || SECRET_NAME.is_match(&snake))
        && !DESCRIPTIVE_NAME.is_match(&snake)
}

/// `secretArn` → `secret_Arn`, so camelCase names split like snake_case ones.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// Pattern matches in `text`, in order.
fn pattern_matches(text: &str) -> Vec<(SecretKind, usize, String)> {
    let mut out = Vec::new();
    for p in PATTERNS.iter().filter(|p| text.len() >= p.min_len) {
        for m in p.regex().find_iter(text) {
            out.push((p.kind, m.start(), m.as_str().to_string()));
        }
    }
    out.sort_by_key(|(_, at, _)| *at);
    out
}

/// Judges the value assigned to `name` (an environment variable, a JSON key, a
/// parameter): a credential pattern anywhere in the value, or a literal that the name
/// says is a secret.
pub fn scan_pair(name: &str, value: &str) -> Option<Detection> {
    if let Some((kind, _, secret)) = pattern_matches(value).into_iter().next() {
        return Some(Detection {
            kind,
            name: Some(name.to_string()),
            secret,
            offset: 0,
        });
    }
    let v = value.trim();
    // The name first: most names say nothing of a secret, and then the placeholder
    // pattern need not be compiled nor run.
    if v.is_empty() || is_reference(v) || !is_secret_name(name) || PLACEHOLDER.is_match(v) {
        return None;
    }
    let kind = if AWS_SECRET_NAME.is_match(name) && is_base64ish_40(v) {
        SecretKind::AwsSecretAccessKey
    } else if PASSWORD_NAME.is_match(&snake_case(name)) {
        if v.chars().count() < MIN_PASSWORD_LEN || v.contains(char::is_whitespace) {
            return None;
        }
        SecretKind::Password
    } else {
        let letters = v.chars().any(|c| c.is_ascii_alphabetic());
        let digits = v.chars().any(|c| c.is_ascii_digit());
        if v.chars().count() < MIN_TOKEN_LEN
            || !letters
            || !digits
            || v.contains(char::is_whitespace)
            || is_host_name(v)
            || entropy(v) < MIN_ENTROPY
        {
            return None;
        }
        SecretKind::Token
    };
    Some(Detection {
        kind,
        name: Some(name.to_string()),
        secret: v.to_string(),
        offset: 0,
    })
}

/// Assignments in free text: shell (`export NAME="value"`, `NAME=value`), YAML
/// (`name: value`), JSON (`"name": "value"`), INI (`name = value`), and the AWS CLI's
/// `aws configure set aws_secret_access_key VALUE`.
static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?m)["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*[=:][ \t]*(["']?)([^\s"',;#]+)"#)
});

/// `aws configure set aws_secret_access_key VALUE`.
static CLI_ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)\b(aws_secret_access_key|aws_access_key_id|aws_session_token)[ \t]+(["']?)([A-Za-z0-9/+=]+)"#,
    )
});

/// Every secret in free text (user data, a template): credential patterns anywhere, and
/// values assigned to secret-like names. Each secret is reported once, in text order.
pub fn scan_text(text: &str) -> Vec<Detection> {
    let mut out: Vec<Detection> = Vec::new();
    let assignments = ASSIGNMENT
        .captures_iter(text)
        .chain(CLI_ASSIGNMENT.captures_iter(text));
    for caps in assignments {
        let (Some(name), Some(value)) = (caps.get(1), caps.get(3)) else {
            continue;
        };
        if let Some(mut d) = scan_pair(name.as_str(), value.as_str()) {
            if d.kind == SecretKind::PrivateKey {
                continue; // reported by the pattern pass, with its position
            }
            d.offset = value.start();
            out.push(d);
        }
    }
    for (kind, offset, secret) in pattern_matches(text) {
        if out.iter().any(|d| d.secret.contains(&secret)) {
            continue;
        }
        out.push(Detection {
            kind,
            name: None,
            secret,
            offset,
        });
    }
    out.sort_by_key(|d| d.offset);
    out.dedup_by(|a, b| a.secret == b.secret);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, value: &str) -> Option<SecretKind> {
        scan_pair(name, value).map(|d| d.kind)
    }

    /// Each pattern's `min_len` is the fewest bytes a match of it takes, as the regex
    /// parser computes it: a shorter text is rightly left unsearched.
    #[test]
    fn pattern_minimum_lengths_are_the_parsers() {
        for p in &PATTERNS {
            let hir = regex_syntax::parse(p.source).expect("a valid pattern");
            assert_eq!(
                hir.properties().minimum_len(),
                Some(p.min_len),
                "{}",
                p.source
            );
        }
    }

    /// A text of exactly a pattern's `min_len` bytes is searched, and found.
    #[test]
    fn shortest_matches_are_found() {
        let shortest = [
            format!("AKIA{}", "A".repeat(16)),
            "-----BEGIN PRIVATE KEY-----".to_string(),
            format!("ghp_{}", "a".repeat(36)),
            "xoxb-12345678-1".to_string(),
            format!("https://hooks.slack.com/services/T1/B1/{}", "a".repeat(16)),
            format!("sk_live_{}", "a".repeat(24)),
        ];
        for (p, text) in PATTERNS.iter().zip(&shortest) {
            assert_eq!(text.len(), p.min_len, "{text}");
            let found = pattern_matches(text);
            assert!(found.iter().any(|(kind, _, _)| *kind == p.kind), "{text}");
        }
    }

    #[test]
    fn masks_keep_a_short_prefix_and_hide_the_length() {
        assert_eq!(mask("hunter2hunter2"), "hunt****");
        assert_eq!(mask("AKIAIOSFODNN7EXAMPLE"), "AKIA****");
        assert_eq!(mask("hunter22"), "hu****");
        assert_eq!(mask("abc"), "****");
        assert_eq!(mask(""), "****");
    }

    #[test]
    fn entropy_of_random_and_repetitive_strings() {
        assert!(entropy("aaaaaaaaaaaaaaaa") < 0.01);
        assert!(entropy("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") > 4.0);
        assert!((entropy("abcd") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn patterns_found_anywhere() {
        assert_eq!(
            kind("WHATEVER", "AKIAIOSFODNN7EXAMPLE"),
            Some(SecretKind::AwsAccessKeyId)
        );
        assert_eq!(
            kind("X", "ASIAY34FZKBOKMUTVV7A"),
            Some(SecretKind::AwsAccessKeyId)
        );
        assert_eq!(
            kind("GH", "ghp_0123456789abcdefghijABCDEFGHIJ012345"),
            Some(SecretKind::GitHubToken)
        );
        assert_eq!(
            kind(
                "SLACK",
                "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
            ),
            Some(SecretKind::SlackToken)
        );
        assert_eq!(
            kind("PAYMENTS", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
            Some(SecretKind::StripeKey)
        );
        assert_eq!(
            kind("KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n"),
            Some(SecretKind::PrivateKey)
        );
        assert_eq!(
            kind("KEY", "-----BEGIN OPENSSH PRIVATE KEY-----"),
            Some(SecretKind::PrivateKey)
        );
    }

    #[test]
    fn aws_secret_keys_need_their_name() {
        let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert_eq!(
            kind("AWS_SECRET_ACCESS_KEY", key),
            Some(SecretKind::AwsSecretAccessKey)
        );
        assert_eq!(
            kind("secret_key", key),
            Some(SecretKind::AwsSecretAccessKey)
        );
        assert_eq!(kind("CHECKSUM", key), None);
    }

    #[test]
    fn names_make_literals_secrets() {
        assert_eq!(
            kind("DB_PASSWORD", "hunter2hunter2"),
            Some(SecretKind::Password)
        );
        assert_eq!(kind("db_pwd", "s3cr3t!"), Some(SecretKind::Password));
        assert_eq!(
            kind("API_KEY", "a1b2c3d4e5f6g7h8i9j0k1l2"),
            Some(SecretKind::Token)
        );
        assert_eq!(
            kind("clientSecret", "Zm9vYmFyYmF6cXV4MTIzNDU2"),
            Some(SecretKind::Token)
        );
    }

    #[test]
    fn not_secrets() {
        // references and unknown-looking values
        assert_eq!(kind("DB_PASSWORD", "${var.db_password}"), None);
        assert_eq!(kind("DB_PASSWORD", "$DB_PASSWORD"), None);
        assert_eq!(
            kind(
                "DB_PASSWORD",
                "{{resolve:secretsmanager:prod/db:SecretString:password}}"
            ),
            None
        );
        assert_eq!(kind("DB_PASSWORD", "!Ref DbPassword"), None);
        // ARNs of where the secret lives
        assert_eq!(
            kind(
                "DB_SECRET",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"
            ),
            None
        );
        assert_eq!(
            kind(
                "API_TOKEN",
                "arn:aws:ssm:us-east-1:123456789012:parameter/prod/api-token"
            ),
            None
        );
        // placeholders
        for p in [
            "changeme",
            "CHANGE_ME",
            "password",
            "<password>",
            "xxxxxxxx",
            "TODO",
        ] {
            assert_eq!(kind("DB_PASSWORD", p), None, "{p}");
        }
        // descriptive names
        assert_eq!(kind("SECRET_ARN", "prod/db-credentials1"), None);
        assert_eq!(kind("PASSWORD_MIN_LENGTH", "123456789"), None);
        assert_eq!(kind("TOKEN_TTL", "3600"), None);
        assert_eq!(kind("DB_SECRET_NAME", "prod/db/credentials"), None);
        assert_eq!(kind("dbSecretArn", "prod-db-credentials-1a2b3c4d"), None);
        // names that are not secret-like
        assert_eq!(kind("LOG_LEVEL", "debug"), None);
        assert_eq!(kind("BUCKET", "a1b2c3d4e5f6g7h8i9j0k1l2"), None);
        // low-entropy, host names, URLs, words for token-like names
        assert_eq!(kind("TOKEN_AUDIENCE", "sts.amazonaws.com"), None);
        assert_eq!(kind("AUTH_TOKEN", "https://auth.example.com/token"), None);
        assert_eq!(kind("API_KEY", "aaaaaaaaaaaaaaaa1"), None);
        assert_eq!(kind("SECRET_MODE", "enabled"), None);
        // too short
        assert_eq!(kind("PASSWORD", "abc"), None);
        // publishable Stripe keys are public
        assert_eq!(kind("STRIPE", "pk_live_4eC39HqLyjWDarjtT1zdp7dc"), None);
    }

    #[test]
    fn text_scanning_finds_each_secret_once() {
        let script = "#!/bin/bash\n\
            export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n\
            export AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n\
            DB_PASSWORD='hunter2hunter2'\n\
            DB_HOST=db.internal\n\
            TOKEN=$(aws ssm get-parameter --name /app/token --with-decryption)\n";
        let found = scan_text(script);
        let kinds: Vec<_> = found.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![
                SecretKind::AwsAccessKeyId,
                SecretKind::AwsSecretAccessKey,
                SecretKind::Password
            ]
        );
        assert_eq!(found[0].name.as_deref(), Some("AWS_ACCESS_KEY_ID"));
        assert_eq!(found[2].name.as_deref(), Some("DB_PASSWORD"));
        assert_eq!(found[2].shown(), "hunt****");
        assert_eq!(found[2].summary(), "a password-like secret (hunt****)");
        assert_eq!(
            found[0].summary(),
            "an AWS access key id (AKIA****, AWS's documented example key)"
        );
    }

    #[test]
    fn text_scanning_of_cli_json_yaml_and_keys() {
        let cli =
            "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert_eq!(
            scan_text(cli).first().map(|d| d.kind),
            Some(SecretKind::AwsSecretAccessKey)
        );
        let json = r#"{"Properties": {"MasterUserPassword": "hunter2hunter2", "DBName": "app"}}"#;
        let found = scan_text(json);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name.as_deref(), Some("MasterUserPassword"));
        let yaml = "Properties:\n  MasterUserPassword: !Ref DbPassword\n  Other: '{{resolve:ssm-secure:pw:1}}'\n";
        assert!(scan_text(yaml).is_empty());
        let key = "cat > /root/.ssh/id_rsa <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nEOF\n";
        let found = scan_text(key);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, SecretKind::PrivateKey);
        assert_eq!(found[0].shown(), "-----BEGIN RSA PRIVATE KEY-----");
        assert!(scan_text("#!/bin/bash\nyum install -y httpd\nsystemctl start httpd\n").is_empty());
        let imds = "TOKEN=`curl -X PUT \"http://169.254.169.254/latest/api/token\" \
            -H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\"`\n\
            TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token)\n\
            curl -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/\n";
        assert!(scan_text(imds).is_empty(), "{:?}", scan_text(imds));
        let cloud_init = "#cloud-config\nssh_pwauth: false\nchpasswd:\n  list: |\n    root:Sup3rS3cret!\nusers:\n  - name: app\n    lock_passwd: true\n    passwd: $6$rounds=4096$abc$xyz\n    plain_text_passwd: hunter2hunter2\n";
        let found = scan_text(cloud_init);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].name.as_deref(), Some("plain_text_passwd"));
    }
}
