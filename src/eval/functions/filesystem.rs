//! Filesystem functions.
//!
//! Relative paths are resolved against the module's directory. Nothing outside the scanned
//! directory (or the git repository holding it) is ever read: a path is canonicalised (following symlinks) and refused when it
//! leaves the sandbox, and a missing path is refused when it would lie outside it. Files
//! are read up to 4 MiB.

use std::cell::Cell;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use super::hash::{Digest, base64, hex};
use super::{FnContext, FnError, FnResult, bad_param, exact, fail, map_arg, str_arg};
use crate::value::Value;

/// The largest file a function reads.
const MAX_FILE_BYTES: u64 = 4 << 20;

thread_local! {
    /// How many `templatefile` renders are in progress on this thread: Terraform forbids a
    /// template from calling `templatefile` itself.
    static TEMPLATE_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Removes `.` and resolves `..` without touching the filesystem.
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn refuse(path: &str, ctx: &FnContext<'_>) -> FnError {
    let outside = if ctx.sandbox_is_repository {
        "the git repository of the scanned directory"
    } else {
        "the scanned directory"
    };
    FnError::Unreadable(format!(
        "refusing to read {path:?}: it is outside {outside}"
    ))
}

/// Resolves `path` for reading: `Ok(None)` when nothing exists there.
fn resolve(path: &str, ctx: &FnContext<'_>) -> Result<Option<PathBuf>, FnError> {
    // Terraform expands `~` to the home directory of whoever runs it; that is never inside
    // the scanned directory.
    if path.starts_with('~') {
        return Err(refuse(path, ctx));
    }
    let sandbox = ctx
        .sandbox
        .canonicalize()
        .unwrap_or_else(|_| ctx.sandbox.to_path_buf());
    let p = Path::new(path);
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        ctx.module_dir.join(p)
    };
    match joined.canonicalize() {
        Ok(c) if in_git_dir(&c, &sandbox) => Err(FnError::Unreadable(format!(
            "refusing to read {path:?}: it is inside .git, which holds the repository's credentials, not configuration"
        ))),
        Ok(c) if c.starts_with(&sandbox) => Ok(Some(c)),
        Ok(_) => Err(refuse(path, ctx)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if lexical(&joined).starts_with(&sandbox) {
                Ok(None)
            } else {
                Err(refuse(path, ctx))
            }
        }
        Err(e) => Err(unreadable(path, e)),
    }
}

/// Whether a canonical path inside the sandbox lies in a `.git` directory. A checkout in
/// CI keeps its access token in `.git/config`; no configuration reads it, and a crafted
/// one could carry it into a report.
fn in_git_dir(canonical: &Path, sandbox: &Path) -> bool {
    canonical
        .strip_prefix(sandbox)
        .is_ok_and(|rel| rel.components().any(|c| c.as_os_str() == ".git"))
}

fn unreadable(path: &str, e: impl fmt::Display) -> FnError {
    FnError::Unreadable(format!("failed to read {path}: {e}"))
}

fn no_file(path: &str) -> FnError {
    bad_param(
        "path",
        format!(
            "no file exists at {path:?}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource."
        ),
    )
}

/// Reads a file inside the sandbox, up to the size limit.
fn read_bytes(path: &str, ctx: &FnContext<'_>) -> Result<Vec<u8>, FnError> {
    let real = resolve(path, ctx)?.ok_or_else(|| no_file(path))?;
    let bytes = crate::untrusted::read(&real, MAX_FILE_BYTES).map_err(|e| match e {
        crate::untrusted::Refusal::TooLarge { .. } => FnError::Unreadable(format!(
            "refusing to read {path}: it is larger than {} MiB",
            MAX_FILE_BYTES >> 20
        )),
        e => unreadable(path, e),
    })?;
    Ok(bytes)
}

fn read_text(path: &str, ctx: &FnContext<'_>) -> Result<String, FnError> {
    String::from_utf8(read_bytes(path, ctx)?).map_err(|_| {
        fail(format!(
            "contents of {path} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead"
        ))
    })
}

/// The `path` argument of a one-argument file function.
macro_rules! path_arg {
    ($args:expr) => {{
        let [p] = exact::<1>($args)?;
        known!($args, "path");
        str_arg(p, "path")?
    }};
}

pub(super) fn file(args: &[Value], ctx: &FnContext<'_>) -> FnResult {
    let path = path_arg!(args);
    read_text(&path, ctx).map(Value::string)
}

pub(super) fn filebase64(args: &[Value], ctx: &FnContext<'_>) -> FnResult {
    let path = path_arg!(args);
    read_bytes(&path, ctx).map(|b| Value::string(base64(&b)))
}

/// `filemd5`, `filesha1`, `filesha256`, `filesha512` (hex) and `filebase64sha256`,
/// `filebase64sha512` (Base64) of a file's raw bytes.
pub(super) fn filehash(
    args: &[Value],
    ctx: &FnContext<'_>,
    digest: Digest,
    as_base64: bool,
) -> FnResult {
    let path = path_arg!(args);
    let sum = digest.of(&read_bytes(&path, ctx)?);
    Ok(Value::string(if as_base64 {
        base64(&sum)
    } else {
        hex(&sum)
    }))
}

/// `fileexists(path)`: false when nothing is there; an error for a directory.
pub(super) fn fileexists(args: &[Value], ctx: &FnContext<'_>) -> FnResult {
    let path = path_arg!(args);
    let Some(real) = resolve(&path, ctx)? else {
        return Ok(Value::bool(false));
    };
    let meta = std::fs::metadata(&real).map_err(|_| fail(format!("failed to stat {path}")))?;
    if meta.is_file() {
        Ok(Value::bool(true))
    } else {
        Err(fail(if meta.is_dir() {
            format!("{:?} is a directory, not a file", &*path)
        } else {
            format!("{:?} is not a regular file", &*path)
        }))
    }
}

/// `templatefile(path, vars)`: renders the file as a template with `vars` as its only
/// variables.
pub(super) fn templatefile(args: &[Value], ctx: &FnContext<'_>) -> FnResult {
    let [path, vars] = exact::<2>(args)?;
    known!(args, "path", "vars");
    let path = str_arg(path, "path")?;
    let map = map_arg(vars, "vars")?;
    for k in map.keys() {
        let mut chars = k.chars();
        // An HCL identifier: a letter or underscore, then letters, digits, `_` or `-`.
        let valid = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !valid {
            return Err(bad_param(
                "vars",
                format!(
                    "invalid template variable name {k:?}: must start with a letter, followed by zero or more letters, digits, and underscores"
                ),
            ));
        }
    }
    if TEMPLATE_DEPTH.with(Cell::get) > 0 {
        return Err(fail(
            "cannot recursively call templatefile from inside another template function",
        ));
    }
    let text = read_text(&path, ctx)?;
    TEMPLATE_DEPTH.with(|d| d.set(d.get() + 1));
    let rendered = (ctx.render_template)(&text, vars);
    TEMPLATE_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    rendered.map_err(|e| match e {
        FnError::Invalid(m) => fail(format!("failed to render {path}: {m}")),
        // A refused read, a limit or a cycle inside the template stays what it is.
        other => other,
    })
}

/// `templatestring(template, vars)`: renders a string as a template. (Terraform also
/// requires the first argument to be a direct reference; the evaluator would have to check
/// that, as only the value reaches this function.)
pub(super) fn templatestring(args: &[Value], ctx: &FnContext<'_>) -> FnResult {
    let [template, vars] = exact::<2>(args)?;
    known!(args, "template", "vars");
    let text = str_arg(template, "template")?;
    map_arg(vars, "vars")?;
    if TEMPLATE_DEPTH.with(Cell::get) > 0 {
        return Err(fail(
            "cannot recursively call templatestring from inside another template function",
        ));
    }
    TEMPLATE_DEPTH.with(|d| d.set(d.get() + 1));
    let rendered = (ctx.render_template)(&text, vars);
    TEMPLATE_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    rendered
}

/// The most directory entries `fileset` looks at.
const MAX_FILESET_ENTRIES: usize = 100_000;

/// `fileset(path, pattern)`: the regular files under `path` whose path relative to it
/// matches the glob `pattern` (`*` and `?` stay within one directory, `**` crosses them,
/// `[…]` and `{a,b}` as usual), as a set of slash-separated relative paths.
pub(super) fn fileset(args: &[Value], ctx: &FnContext<'_>) -> FnResult {
    let [path, pattern] = exact::<2>(args)?;
    known!(args, "path", "pattern");
    let path = str_arg(path, "path")?;
    let pattern = str_arg(pattern, "pattern")?;
    let matcher = globset::GlobBuilder::new(&pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| fail(format!("failed to glob pattern {pattern:?}: {e}")))?
        .compile_matcher();
    let Some(base) = resolve(&path, ctx)? else {
        return Ok(Value::new(crate::value::Kind::Set(Default::default())));
    };
    let sandbox = ctx
        .sandbox
        .canonicalize()
        .unwrap_or_else(|_| ctx.sandbox.to_path_buf());
    let mut found: Vec<String> = Vec::new();
    let mut stack: Vec<(PathBuf, String)> = vec![(base, String::new())];
    let mut visited = 0usize;
    while let Some((dir, rel)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            visited += 1;
            if visited > MAX_FILESET_ENTRIES {
                return Err(fail(format!(
                    "{path} holds more than {MAX_FILESET_ENTRIES} entries"
                )));
            }
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            let child_rel = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push((entry.path(), child_rel));
            } else if kind.is_file() {
                if matcher.is_match(&child_rel) {
                    found.push(child_rel);
                }
            } else if kind.is_symlink() {
                // A link counts when it leads to a regular file inside the scanned directory.
                let inside = entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|c| c.starts_with(&sandbox) && c.is_file());
                if inside && matcher.is_match(&child_rel) {
                    found.push(child_rel);
                }
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(Value::new(crate::value::Kind::Set(std::sync::Arc::new(
        found.into_iter().map(Value::string).collect(),
    ))))
}

/// `pathexpand(path)`: a leading `~` depends on the home directory of whoever runs
/// Terraform, so the result is unknown; other paths are returned unchanged.
pub(super) fn pathexpand(args: &[Value]) -> FnResult {
    let [p] = exact::<1>(args)?;
    known!(args, "path");
    let s = str_arg(p, "path")?;
    if s.starts_with('~') {
        return Ok(Value::unknown(
            "pathexpand() depends on the home directory of whoever runs Terraform",
        ));
    }
    Ok(Value::string(&*s))
}

/// Go's `filepath.Clean` for slash-separated paths.
fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// `dirname(path)`: Go's `filepath.Dir`.
pub(super) fn dirname(args: &[Value]) -> FnResult {
    let [p] = exact::<1>(args)?;
    known!(args, "path");
    let s = str_arg(p, "path")?;
    let dir = match s.rfind('/') {
        Some(i) => clean(s.get(..=i).unwrap_or_default()),
        None => ".".to_string(),
    };
    Ok(Value::string(dir))
}

/// `basename(path)`: Go's `filepath.Base`.
pub(super) fn basename(args: &[Value]) -> FnResult {
    let [p] = exact::<1>(args)?;
    known!(args, "path");
    let s = str_arg(p, "path")?;
    if s.is_empty() {
        return Ok(Value::string("."));
    }
    let trimmed = s.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(Value::string("/"));
    }
    let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
    Ok(Value::string(base))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::super::testutil::*;
    use super::clean;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("hello.txt"), "Hello World").unwrap();
        fs::write(dir.path().join("bin.dat"), [0xffu8, 0xfe]).unwrap();
        fs::write(dir.path().join("tpl.tftpl"), "name=${name}").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        dir
    }

    fn showin(dir: &std::path::Path, name: &str, args: &[crate::value::Value]) -> String {
        match call_in(dir, name, args) {
            Ok(v) if v.is_unknown() => "(unknown)".to_string(),
            Ok(v) => render(&v),
            Err(super::FnError::Invalid(m)) => format!("error: {m}"),
            Err(super::FnError::Unreadable(m)) => format!("unreadable: {m}"),
            Err(super::FnError::Unsupported) => "unsupported".to_string(),
            Err(super::FnError::Stopped(kind, m)) => format!("{kind:?}: {m}"),
        }
    }

    #[test]
    fn reads_files_in_the_sandbox() {
        let dir = tree();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(showin(&root, "file", &[s("hello.txt")]), "\"Hello World\"");
        assert_eq!(
            showin(&root, "file", &[s("./sub/../hello.txt")]),
            "\"Hello World\""
        );
        assert_eq!(
            showin(&root, "filebase64", &[s("hello.txt")]),
            "\"SGVsbG8gV29ybGQ=\""
        );
        assert_eq!(
            showin(&root, "filemd5", &[s("hello.txt")]),
            "\"b10a8db164e0754105b7a99be72e3fe5\""
        );
        assert_eq!(
            showin(&root, "filesha1", &[s("hello.txt")]),
            "\"0a4d55a8d778e5022fab701977c5d840bbc486d0\""
        );
        assert_eq!(
            showin(&root, "filesha256", &[s("hello.txt")]),
            "\"a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e\""
        );
        assert_eq!(
            showin(&root, "filebase64sha256", &[s("hello.txt")]),
            "\"pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=\""
        );
        assert!(
            showin(&root, "filesha512", &[s("hello.txt")])
                .starts_with("\"2c74fd17edafd80e8447b0d46741ee243b7eb74dd2149a0ab1b9246fb30382f2")
        );
        assert!(showin(&root, "filebase64sha512", &[s("hello.txt")]).ends_with("==\""));
        assert!(showin(&root, "file", &[s("bin.dat")]).contains("not valid UTF-8"));
        assert_eq!(showin(&root, "filebase64", &[s("bin.dat")]), "\"//4=\"");
        assert!(
            showin(&root, "file", &[s("missing.txt")])
                .contains("no file exists at \"missing.txt\"")
        );
        assert!(showin(&root, "file", &[s("sub")]).contains("is a directory"));
        assert_eq!(showin(&root, "file", &[unk()]), "(unknown)");
        assert!(showin(&root, "file", &[null()]).contains("must not be null"));
    }

    #[test]
    fn refuses_paths_outside_the_sandbox() {
        let dir = tree();
        let root = dir.path().canonicalize().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "s3cret").unwrap();
        let secret = outside.path().join("secret");
        assert!(showin(&root, "file", &[s(secret.to_str().unwrap())]).contains("refusing to read"));
        assert!(
            showin(&root, "file", &[s("../../../../../../etc/passwd")])
                .contains("refusing to read")
        );
        assert!(showin(&root, "file", &[s("~/.ssh/id_rsa")]).contains("refusing to read"));
        assert!(showin(&root, "fileexists", &[s("/etc/passwd")]).contains("refusing to read"));
        assert!(
            showin(&root, "fileexists", &[s("../nope-does-not-exist")])
                .contains("refusing to read")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, root.join("link")).unwrap();
            assert!(showin(&root, "file", &[s("link")]).contains("refusing to read"));
            assert!(
                showin(&root, "templatefile", &[s("link"), map(&[])]).contains("refusing to read")
            );
        }
    }

    #[test]
    fn refuses_files_inside_git_directories() {
        let dir = tree();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(
            root.join(".git/config"),
            "[http]\n\textraheader = AUTHORIZATION: basic dG9rZW4=\n",
        )
        .unwrap();
        let refused = "refusing to read \".git/config\": it is inside .git, which holds the repository's credentials, not configuration";
        assert!(showin(&root, "file", &[s(".git/config")]).contains(refused));
        assert!(showin(&root, "filebase64", &[s("./.git/../.git/config")]).contains("inside .git"));
        assert!(
            showin(&root, "templatefile", &[s(".git/config"), map(&[])]).contains("inside .git")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join(".git/config"), root.join("cfg")).unwrap();
            assert!(showin(&root, "file", &[s("cfg")]).contains("inside .git"));
        }
    }

    #[test]
    fn caps_file_size() {
        let dir = tree();
        let root = dir.path().canonicalize().unwrap();
        fs::write(root.join("big"), vec![b'a'; (4 << 20) + 1]).unwrap();
        assert!(showin(&root, "file", &[s("big")]).contains("larger than 4 MiB"));
    }

    #[test]
    fn fileexists_cases() {
        let dir = tree();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(showin(&root, "fileexists", &[s("hello.txt")]), "true");
        assert_eq!(showin(&root, "fileexists", &[s("nope.txt")]), "false");
        assert!(
            showin(&root, "fileexists", &[s("sub")]).contains("\"sub\" is a directory, not a file")
        );
    }

    #[test]
    fn templatefile_renders() {
        let dir = tree();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(
            showin(
                &root,
                "templatefile",
                &[s("tpl.tftpl"), map(&[("name", s("web"))])]
            ),
            "\"name=web\""
        );
        assert!(
            showin(
                &root,
                "templatefile",
                &[s("tpl.tftpl"), map(&[("1x", s("a"))])]
            )
            .contains("invalid template variable name")
        );
        assert!(
            showin(&root, "templatefile", &[s("tpl.tftpl"), strs(&[])])
                .contains("map or object required")
        );
        assert_eq!(
            showin(&root, "templatefile", &[s("tpl.tftpl"), unk()]),
            "(unknown)"
        );
        assert!(showin(&root, "templatefile", &[s("nope"), map(&[])]).contains("no file exists"));
    }

    #[test]
    fn fileset_globs() {
        let dir = tree();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("policies/deep")).unwrap();
        fs::write(root.join("policies/a.json"), "{}").unwrap();
        fs::write(root.join("policies/b.json"), "{}").unwrap();
        fs::write(root.join("policies/c.txt"), "").unwrap();
        fs::write(root.join("policies/deep/d.json"), "{}").unwrap();
        assert_eq!(
            showin(&root, "fileset", &[s("policies"), s("*.json")]),
            "set[\"a.json\", \"b.json\"]"
        );
        assert_eq!(
            showin(&root, "fileset", &[s("."), s("policies/**/*.json")]),
            "set[\"policies/a.json\", \"policies/b.json\", \"policies/deep/d.json\"]"
        );
        assert_eq!(
            showin(&root, "fileset", &[s("policies"), s("{a,c}.*")]),
            "set[\"a.json\", \"c.txt\"]"
        );
        assert_eq!(showin(&root, "fileset", &[s("nope"), s("*")]), "set[]");
        assert!(showin(&root, "fileset", &[s("/etc"), s("*")]).contains("refusing to read"));
        assert!(showin(&root, "fileset", &[s("."), s("[")]).contains("failed to glob"));
    }

    #[test]
    fn templatestring_renders() {
        assert_eq!(
            show(
                "templatestring",
                &[s("hi ${who}"), map(&[("who", s("there"))])]
            ),
            "\"hi there\""
        );
        assert_eq!(show("templatestring", &[unk(), map(&[])]), "(unknown)");
    }

    #[test]
    fn path_functions() {
        assert_eq!(show("basename", &[s("foo/bar/baz.txt")]), "\"baz.txt\"");
        assert_eq!(show("basename", &[s("foo/bar/")]), "\"bar\"");
        assert_eq!(show("basename", &[s("/")]), "\"/\"");
        assert_eq!(show("basename", &[s("")]), "\".\"");
        assert_eq!(show("dirname", &[s("foo/bar/baz.txt")]), "\"foo/bar\"");
        assert_eq!(show("dirname", &[s("baz.txt")]), "\".\"");
        assert_eq!(show("dirname", &[s("/baz.txt")]), "\"/\"");
        assert_eq!(show("dirname", &[s("a//b/./c/")]), "\"a/b/c\"");
        assert_eq!(show("pathexpand", &[s("~/.ssh/id_rsa")]), "(unknown)");
        assert_eq!(show("pathexpand", &[s("/etc/x")]), "\"/etc/x\"");
        assert_eq!(clean("a/../../b"), "../b");
        assert_eq!(clean("/../a"), "/a");
        assert_eq!(clean("./"), ".");
    }
}
