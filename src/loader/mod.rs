//! Finds Terraform files, reads and parses them in parallel, and groups them into modules.
//!
//! Invariants: every file that was found gets a [`FileId`] (even one that could not be
//! read, so errors can name it); parsing happens exactly once per file; nothing outside
//! the scan root is read.

// Audited for hostile input (issue #9): no indexing or string slicing that can panic
// outside tests.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;
use hcl_edit::structure::Body;
use rayon::prelude::*;

use crate::diag::{DiagKind, Diagnostic};
use crate::source::{FileId, SourceFile, SourceMap, Span};

pub mod calls;
mod tfjson;

/// Configuration files: HCL (`.tf`) and Terraform's JSON syntax (`.tf.json`).
fn is_config(name: &str) -> bool {
    name.ends_with(".tf") || name.ends_with(".tf.json")
}

/// The files of each module directory, as indexes into `files`.
fn by_directory(files: &[ParsedFile]) -> BTreeMap<String, Vec<usize>> {
    let mut modules: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        modules.entry(f.dir.clone()).or_default().push(i);
    }
    modules
}

/// The directory of a file's path relative to the root (`""` at the root).
fn dir_of(rel: &str) -> String {
    rel.rfind('/')
        .and_then(|i| rel.get(..i))
        .unwrap_or("")
        .to_string()
}

/// Files larger than this are not parsed (reported as a read error). Scanning costs time
/// and memory linear in a file's size (README, Performance), so the limit is set past any
/// file written or generated for real use; it stops a file meant to exhaust the scanner.
pub(crate) const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A parsed `.tf` file.
pub struct ParsedFile {
    pub file: FileId,
    /// The directory holding it, relative to the scan root (`""` for the root itself).
    pub dir: String,
    pub body: Body,
    /// The decoded document of a `.tfvars.json` file (its `body` is then empty).
    pub json: Option<serde_json::Value>,
    /// A root module's `.tf` file, not parsed yet: its `body` is empty and the
    /// evaluation of its root parses it ([`parse_deferred`]).
    pub deferred: bool,
}

/// Everything the loader produced.
pub struct Loaded {
    /// Canonical scan root (a directory; for a single-file scan, its directory).
    pub root: PathBuf,
    /// What may be read besides the root: the git repository holding the root, or the
    /// root itself when it is in none. Local modules called from the root (`../modules/x`)
    /// and files read by functions must lie inside it.
    pub boundary: PathBuf,
    pub sources: SourceMap,
    pub files: Vec<ParsedFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Module directories (relative to the root) and the indexes into `files` they hold.
    pub modules: BTreeMap<String, Vec<usize>>,
    /// Directories that are root modules: not called as a local module by another one.
    pub roots: Vec<String>,
    /// `terraform.tfvars` and `*.auto.tfvars` files, sorted by directory (in the walk's
    /// order within one), so a root finds its own with a binary search.
    pub tfvars: Vec<ParsedFile>,
    /// `--var-file` files, in command-line order.
    pub var_files: Vec<ParsedFile>,
}

/// Why loading could not even start.
#[derive(Debug)]
pub enum LoadError {
    NotFound(PathBuf),
    NoTerraform(PathBuf),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "path does not exist: {}", p.display()),
            LoadError::NoTerraform(p) => {
                write!(f, "no Terraform files (.tf) found under {}", p.display())
            }
        }
    }
}

pub struct LoadOptions<'a> {
    pub excludes: &'a GlobSet,
    pub max_file_bytes: u64,
    /// `--var-file` paths, read as given (they may live outside the scanned tree).
    pub var_files: &'a [PathBuf],
    /// Texts that stand in for files of the tree (an editor's unsaved buffers).
    pub overlay: Option<&'a Overlay>,
}

/// File contents that replace what the disk holds, by absolute path: the documents an
/// editor has open (`tfscan lsp`). A text stands in for the file at its path only where
/// the scan would read that file anyway, or, for a configuration file not yet saved,
/// where the walk would have found it (inside the root, not hidden, not excluded): an
/// overlay never widens what a scan reads.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    texts: std::collections::HashMap<PathBuf, Arc<str>>,
}

impl Overlay {
    /// Sets the text of the file at `path` (made absolute by canonicalising its
    /// directory, so that it matches the paths the walk finds).
    pub fn insert(&mut self, path: &Path, text: Arc<str>) {
        self.texts.insert(Self::key(path), text);
    }

    pub(crate) fn remove(&mut self, path: &Path) {
        self.texts.remove(&Self::key(path));
    }

    /// The text standing in for `path`, if any.
    pub(crate) fn get(&self, path: &Path) -> Option<&Arc<str>> {
        if self.texts.is_empty() {
            return None;
        }
        self.texts
            .get(path)
            .or_else(|| self.texts.get(&Self::key(path)))
    }

    pub(crate) fn paths(&self) -> impl Iterator<Item = &Path> {
        self.texts.keys().map(PathBuf::as_path)
    }

    /// The path with its directory canonicalised (the file itself may not exist yet).
    pub(crate) fn key(path: &Path) -> PathBuf {
        match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) => dir
                .canonicalize()
                .map(|d| d.join(name))
                .unwrap_or_else(|_| path.to_path_buf()),
            _ => path.to_path_buf(),
        }
    }

    /// [`read_text`] unless the overlay holds the file's text.
    fn read(&self, path: &Path, max: u64) -> Result<Arc<str>, ReadError> {
        match self.get(path) {
            Some(text) if text.len() as u64 > max => Err(ReadError::from(format!(
                "file is {} bytes, over the {max}-byte limit; not scanned",
                text.len()
            ))),
            Some(text) => Ok(text.clone()),
            None => read_text(path, max),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileRole {
    Config,
    Tfvars,
    VarFile,
}

/// Loads the Terraform under `path` (a directory or a single `.tf` file).
pub(crate) fn load(path: &Path, opts: &LoadOptions<'_>) -> Result<Loaded, LoadError> {
    let (root, read, skipped) = discover(path, opts)?;
    let (mut sources, mut diagnostics, texts) = register_sources(&root, skipped, read);
    let first = first_pass(texts);
    let Sorted {
        mut files,
        mut calls,
        mut tfvars,
        var_files,
    } = sort_first(first, &mut sources, &mut diagnostics);
    tfvars.sort_by(|a, b| a.dir.cmp(&b.dir));

    let boundary = git_root(&root).unwrap_or(&root).to_path_buf();
    if boundary != root {
        load_outside(
            &Outside {
                root: &root,
                boundary: &boundary,
                opts,
            },
            &mut calls,
            &mut sources,
            &mut files,
            &mut diagnostics,
        );
    }
    let modules = by_directory(&files);
    let roots = find_roots(&root, &calls, &modules);
    let modules = parse_called_modules(&roots, modules, &mut files, &sources, &mut diagnostics);
    Ok(Loaded {
        root,
        boundary,
        sources,
        files,
        diagnostics,
        modules,
        roots,
        tfvars,
        var_files,
    })
}

/// The scan's root directory, the files found under `path` read (sorted by path when it
/// is a directory, then the variable files) and the paths skipped with the reason why.
type Discovered = (PathBuf, Vec<ReadResult>, Vec<(PathBuf, String)>);

/// Finds and reads the files to load: `path` itself when it is a file, else the files a
/// walk of the directory finds and the overlay's unsaved files; then the variable files.
/// Fails when none is a configuration file.
fn discover(path: &Path, opts: &LoadOptions<'_>) -> Result<Discovered, LoadError> {
    let meta = std::fs::metadata(path).map_err(|_| LoadError::NotFound(path.to_path_buf()))?;
    let canonical = path
        .canonicalize()
        .map_err(|_| LoadError::NotFound(path.to_path_buf()))?;
    let (root, mut read, skipped) = if meta.is_file() {
        if !is_config(&canonical.to_string_lossy()) {
            return Err(LoadError::NoTerraform(path.to_path_buf()));
        }
        let root = canonical
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| canonical.clone());
        let read = read_directory(&root, &root, vec![canonical], opts);
        (root, read, Vec::new())
    } else {
        let (read, skipped) = walk_and_read(&canonical, opts);
        (canonical, read, skipped)
    };
    if !read.iter().any(|(p, ..)| is_config(&p.to_string_lossy())) {
        return Err(LoadError::NoTerraform(path.to_path_buf()));
    }
    read.extend(read_var_files(&root, opts));
    Ok((root, read, skipped))
}

/// Walks the directory `root` and reads the files it finds, sorted by path, and the
/// overlay's unsaved files; also returns the paths skipped.
///
/// The walk's decisions stay on one thread, in its order ([`walk`]): the calling one,
/// whose stack the walk's recursion has always had (a worker's is smaller). Each
/// directory's files are read by a task of their own on rayon's pool once the walk has
/// gone through its entries, so reading overlaps walking and keeps both cores busy. A
/// directory of many files is read by several tasks of [`FILES_PER_TASK`] files each, so
/// a root of thousands of files in one directory is read on every core too. The tasks
/// are a bounded number, at most one per directory walked or per that many files.
fn walk_and_read(root: &Path, opts: &LoadOptions<'_>) -> (Vec<ReadResult>, Vec<(PathBuf, String)>) {
    let read = std::sync::Mutex::new(Vec::new());
    let (skipped, count) = rayon::in_place_scope(|scope| {
        let read = &read;
        let mut found = |dir: &Path, files: FoundIn| {
            let mut files = files.into_iter().peekable();
            while files.peek().is_some() {
                let files: FoundIn = files.by_ref().take(FILES_PER_TASK).collect();
                let dir = dir.to_path_buf();
                scope.spawn(move |_| {
                    let (places, paths): (Vec<usize>, Vec<PathBuf>) = files.into_iter().unzip();
                    let texts = read_directory(root, &dir, paths, opts);
                    // Poisoned only by a task that panicked holding it, and the scope
                    // then panics on: nothing is lost unseen.
                    if let Ok(mut read) = read.lock() {
                        read.extend(places.into_iter().zip(texts));
                    }
                });
            }
        };
        let mut walked = Walk {
            seen: HashSet::new(),
            found: &mut found,
            count: 0,
            skipped: Vec::new(),
        };
        walk(root, root, opts.excludes, &mut walked);
        (walked.skipped, walked.count)
    });
    // Back in the walk's order, which is nearly the sorted one (a directory's entries
    // are walked in name order) and makes the sort below cheap.
    let mut in_walk_order: Vec<Option<ReadResult>> = (0..count).map(|_| None).collect();
    for (place, file) in read.into_inner().unwrap_or_default() {
        if let Some(slot) = in_walk_order.get_mut(place) {
            *slot = Some(file);
        }
    }
    let mut read: Vec<ReadResult> = in_walk_order.into_iter().flatten().collect();
    if let Some(overlay) = opts.overlay {
        let unsaved = unsaved(root, overlay, opts.excludes);
        read.extend(unsaved.into_iter().map(|p| read_found(root, p, opts, None)));
    }
    read.sort_by(|a, b| a.0.cmp(&b.0));
    (read, skipped)
}

/// A file read: its path, its name relative to the root, its role and its text.
type ReadResult = (PathBuf, String, FileRole, Result<Arc<str>, ReadError>);

/// Reads `files`, entries of the directory `dir`: the directory is opened once and its
/// files by name ([`crate::untrusted::Dir`]).
fn read_directory(
    root: &Path,
    dir: &Path,
    files: Vec<PathBuf>,
    opts: &LoadOptions<'_>,
) -> Vec<ReadResult> {
    let open = match opts.overlay {
        None => crate::untrusted::Dir::open(dir).ok(),
        Some(_) => None,
    };
    files
        .into_iter()
        .map(|p| read_found(root, p, opts, open.as_ref()))
        .collect()
}

/// Reads a file the walk found (or the overlay holds), in the open directory `dir` when
/// one holds it.
fn read_found(
    root: &Path,
    p: PathBuf,
    opts: &LoadOptions<'_>,
    dir: Option<&crate::untrusted::Dir>,
) -> ReadResult {
    let role = if is_config(&p.to_string_lossy()) {
        FileRole::Config
    } else {
        FileRole::Tfvars
    };
    let rel = relative(root, &p);
    let max = opts.max_file_bytes;
    let text = match (opts.overlay, dir.zip(p.file_name())) {
        (Some(overlay), _) => overlay.read(&p, max),
        (None, Some((dir, name))) => read_text_with(crate::untrusted::read_in(dir, name, max), max),
        (None, None) => read_text(&p, max),
    };
    (p, rel, role, text)
}

/// Reads the `--var-file` files in parallel.
fn read_var_files(root: &Path, opts: &LoadOptions<'_>) -> Vec<ReadResult> {
    opts.var_files
        .par_iter()
        .map(|p| {
            // A var file inside the tree is named from the root like the tree's files.
            let rel = match p.canonicalize().ok().filter(|c| c.starts_with(root)) {
                Some(c) => relative(root, &c),
                None => p.display().to_string(),
            };
            let text = match opts.overlay {
                Some(overlay) => overlay.read(p, opts.max_file_bytes),
                None => read_text(p, opts.max_file_bytes),
            };
            (p.clone(), rel, FileRole::VarFile, text)
        })
        .collect()
}

/// A file's text in the source map: its id, relative name, role and text.
type Registered = (FileId, String, FileRole, Arc<str>);

/// Puts the skipped paths (each with a `read` diagnostic) and the files read into a new
/// source map; returns it, the diagnostics and the texts to parse.
fn register_sources(
    root: &Path,
    skipped: Vec<(PathBuf, String)>,
    read: Vec<ReadResult>,
) -> (SourceMap, Vec<Diagnostic>, Vec<Registered>) {
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    for (path, message) in skipped {
        let id = sources.add(SourceFile::new(
            path.clone(),
            relative(root, &path),
            Arc::from(""),
        ));
        diagnostics.push(Diagnostic::new(
            DiagKind::Read,
            message,
            Some(Span::new(id, 0..0)),
        ));
    }
    let mut texts = Vec::new();
    for (p, rel, role, text) in read {
        if let Some((id, t)) = add_source(&mut sources, &mut diagnostics, p, &rel, text) {
            texts.push((id, rel, role, t));
        }
    }
    (sources, diagnostics, texts)
}

/// A file after the first pass, with the module sources it calls.
enum First {
    Parsed(FileRole, Box<Parsed>, Vec<String>),
    Deferred(FileId, String, Vec<String>),
}

/// Finds every file's module calls, parsing only the files that need it.
///
/// Which directories are root modules depends on the module calls of every file, so
/// they are found first, from the text (`calls::scan`) where it is plain enough.
/// Files of root modules are then left unparsed: each root's evaluation parses them
/// and frees their trees when it is done, so the trees of all roots (tens of times
/// the size of their text) are never in memory at once. Files the scanner is unsure
/// of, Terraform JSON and variable files are parsed here, once.
fn first_pass(texts: Vec<Registered>) -> Vec<First> {
    texts
        .into_par_iter()
        .map(|(id, rel, role, text)| {
            if role == FileRole::Config
                && !rel.ends_with(".tf.json")
                && let Some(calls) = calls::scan(&text)
            {
                return First::Deferred(id, dir_of(&rel), calls);
            }
            let parsed = parse_file(id, &rel, &text);
            let calls = match &parsed.0 {
                Ok(f) if role == FileRole::Config => calls::from_body(&f.body),
                _ => Vec::new(),
            };
            First::Parsed(role, Box::new(parsed), calls)
        })
        .collect()
}

/// The first pass's files by role, and each configuration directory's module calls.
struct Sorted {
    files: Vec<ParsedFile>,
    calls: Vec<(String, Vec<String>)>,
    tfvars: Vec<ParsedFile>,
    var_files: Vec<ParsedFile>,
}

/// Sorts the first pass's files by role; a file that did not parse becomes a diagnostic.
fn sort_first(
    first: Vec<First>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Sorted {
    let mut sorted = Sorted {
        files: Vec::new(),
        calls: Vec::new(),
        tfvars: Vec::new(),
        var_files: Vec::new(),
    };
    for item in first {
        match item {
            First::Deferred(id, dir, c) => {
                sorted.calls.push((dir.clone(), c));
                sorted.files.push(ParsedFile {
                    file: id,
                    dir,
                    body: Body::default(),
                    json: None,
                    deferred: true,
                });
            }
            First::Parsed(role, parsed, c) => {
                let (p, anchors) = *parsed;
                if let Some((id, a)) = anchors
                    && let Some(f) = sources.get_mut(id)
                {
                    f.anchors = Some(a);
                }
                match (role, p) {
                    (FileRole::Config, Ok(f)) => {
                        sorted.calls.push((f.dir.clone(), c));
                        sorted.files.push(f);
                    }
                    (FileRole::Tfvars, Ok(f)) => sorted.tfvars.push(f),
                    (FileRole::VarFile, Ok(f)) => sorted.var_files.push(f),
                    (_, Err(d)) => diagnostics.push(d),
                }
            }
        }
    }
    sorted
}

/// Parses the deferred files of the modules that roots call (every root may need them)
/// and returns the modules by directory without the files that do not parse.
fn parse_called_modules(
    roots: &[String],
    modules: BTreeMap<String, Vec<usize>>,
    files: &mut Vec<ParsedFile>,
    sources: &SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<usize>> {
    let root_dirs: HashSet<&str> = roots.iter().map(String::as_str).collect();
    let parsed: Vec<(usize, Result<ParsedFile, Diagnostic>)> = files
        .par_iter()
        .enumerate()
        .filter(|(_, f)| f.deferred && !root_dirs.contains(f.dir.as_str()))
        .map(|(i, f)| (i, parse_deferred(f, sources)))
        .collect();
    let mut broken = HashSet::new();
    for (i, p) in parsed {
        match p {
            Ok(f) => {
                if let Some(slot) = files.get_mut(i) {
                    *slot = f;
                }
            }
            Err(d) => {
                diagnostics.push(d);
                broken.insert(i);
            }
        }
    }
    if broken.is_empty() {
        return modules;
    }
    // As for any file that does not parse: it is reported and is not part of its module.
    let mut i = 0;
    files.retain(|_| {
        i += 1;
        !broken.contains(&(i - 1))
    });
    by_directory(files)
}

/// Adds a file that was read to the source map: its text, or what could be read of it
/// and a `read` diagnostic (placed where the readable text ends, at an invalid byte, else
/// at 1:1).
fn add_source(
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
    path: PathBuf,
    rel: &str,
    text: Result<Arc<str>, ReadError>,
) -> Option<(FileId, Arc<str>)> {
    match text {
        Ok(t) => Some((
            sources.add(SourceFile::new(path, rel.to_string(), t.clone())),
            t,
        )),
        Err(ReadError { message, readable }) => {
            let at = readable.len();
            let id = sources.add(SourceFile::new(path, rel.to_string(), readable));
            diagnostics.push(Diagnostic::new(
                DiagKind::Read,
                message,
                Some(Span::new(id, at..at)),
            ));
            None
        }
    }
}

/// Where modules outside the scan root may be loaded from.
struct Outside<'a> {
    root: &'a Path,
    boundary: &'a Path,
    opts: &'a LoadOptions<'a>,
}

/// Loads the local modules that the scanned configuration calls from outside the root
/// (`module "vpc" { source = "../../modules/vpc" }` in a scan of `envs/prod`) when they
/// lie inside the git repository holding the root, and the modules those call, each
/// directory once. Their files are named relative to the root (`../../modules/vpc/main.tf`)
/// and are never root modules. A source leaving the repository is not read here;
/// evaluation reports it.
fn load_outside(
    at: &Outside<'_>,
    calls: &mut Vec<(String, Vec<String>)>,
    sources: &mut SourceMap,
    files: &mut Vec<ParsedFile>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut next = 0;
    loop {
        // The directories outside the root that calls not yet looked at name.
        let mut wave = Vec::new();
        for (caller, srcs) in calls.iter().skip(next) {
            for source in srcs {
                if module_dir(caller, source).is_some_and(|d| leaves_root(&d))
                    && let Some(dir) = contained_module_dir(at.root, at.boundary, caller, source)
                    && leaves_root(&dir)
                    && !seen.contains(&dir)
                {
                    seen.insert(dir.clone());
                    wave.push(dir);
                }
            }
        }
        next = calls.len();
        if wave.is_empty() {
            return;
        }
        let mut found = Vec::new();
        for dir in &wave {
            outside_files(at, dir, &mut found, sources, diagnostics);
        }
        let max = at.opts.max_file_bytes;
        let read: Vec<(String, PathBuf, Result<Arc<str>, ReadError>)> = found
            .into_par_iter()
            .map(|(rel, path)| {
                let text = match at.opts.overlay {
                    Some(overlay) => overlay.read(&path, max),
                    None => read_text(&path, max),
                };
                (rel, path, text)
            })
            .collect();
        let mut texts = Vec::new();
        for (rel, path, text) in read {
            if let Some((id, t)) = add_source(sources, diagnostics, path, &rel, text) {
                texts.push((id, rel, t));
            }
        }
        let parsed: Vec<Parsed> = texts
            .into_par_iter()
            .map(|(id, rel, text)| parse_file(id, &rel, &text))
            .collect();
        for (p, anchors) in parsed {
            if let Some((id, a)) = anchors
                && let Some(f) = sources.get_mut(id)
            {
                f.anchors = Some(a);
            }
            match p {
                Ok(f) => {
                    calls.push((f.dir.clone(), calls::from_body(&f.body)));
                    files.push(f);
                }
                Err(d) => diagnostics.push(d),
            }
        }
    }
}

/// The configuration files of one module directory outside the root (not its
/// subdirectories: a module is one directory), as (name relative to the root, path).
/// Hidden and excluded files are left out; a symlink leaving the boundary is reported.
fn outside_files(
    at: &Outside<'_>,
    dir: &str,
    found: &mut Vec<(String, PathBuf)>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let path = at.root.join(dir);
    let Ok(entries) = std::fs::read_dir(&path) else {
        // A missing directory is reported by evaluation, as inside the root.
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || !is_config(&name) {
            continue;
        }
        let rel = format!("{dir}/{name}");
        if at.opts.excludes.is_match(&rel) {
            continue;
        }
        let file = entry.path();
        let skipped = match std::fs::metadata(&file) {
            Ok(meta) if !meta.is_file() => Some("not scanned: not a regular file"),
            Ok(_) => match file.canonicalize() {
                Ok(c) if !c.starts_with(at.boundary) => Some(OUTSIDE_REPOSITORY),
                _ => None,
            },
            // Dangling or looping: reported on read.
            Err(_) => None,
        };
        match skipped {
            None => found.push((rel, file)),
            Some(message) => {
                let id = sources.add(SourceFile::new(file, rel, Arc::from("")));
                diagnostics.push(Diagnostic::new(
                    DiagKind::Read,
                    message.to_string(),
                    Some(Span::new(id, 0..0)),
                ));
            }
        }
    }
}

/// Why a symlink in a module outside the root is not followed.
const OUTSIDE_REPOSITORY: &str =
    "not scanned: a symlink to a path outside the git repository of the scanned directory";

/// Files found in one directory, each with its place in the walk's order.
type FoundIn = Vec<(usize, PathBuf)>;

/// How many files of one directory a reading task reads at most: a directory of a
/// typical module (a few to a few dozen files) is one task, and reading one costs about
/// 10 µs of system time per file, so a task of 32 is a few hundred microseconds, small
/// enough to share a directory of thousands of files between the cores. Measured on a
/// directory of 8,991 files, "read and parse": 95–112 ms wall read by one task, 66–70 ms
/// in tasks of 32 (71–88 ms before reading overlapped the walk).
const FILES_PER_TASK: usize = 32;

/// What the directory walk found, and what it would have scanned but could not or may not.
struct Walk<'a> {
    /// Canonical directories already walked (a symlink loop visits each once).
    seen: HashSet<PathBuf>,
    /// Given each directory walked and the files found in it (entries of it, in name
    /// order, each with its place in the walk's order), once the walk has gone through
    /// the directory's entries (its subdirectories' walks included).
    found: &'a mut dyn FnMut(&Path, FoundIn),
    /// How many files were found.
    count: usize,
    /// Paths inside the tree that were not scanned, with the reason.
    skipped: Vec<(PathBuf, String)>,
}

impl Walk<'_> {
    /// The place in the walk's order of the next file found.
    fn place(&mut self) -> usize {
        self.count += 1;
        self.count - 1
    }
}

/// Collects `.tf` files; skips hidden directories (`.git`, `.terraform`, …) and excluded
/// paths; follows a symlink only when its target stays inside the root, once. A symlink
/// that leaves the root and a directory that cannot be listed are recorded as skipped.
fn walk(root: &Path, dir: &Path, excludes: &GlobSet, w: &mut Walk<'_>) {
    let canonical = match dir.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            w.skipped
                .push((dir.to_path_buf(), format!("cannot read directory: {e}")));
            return;
        }
    };
    walk_canonical(root, dir, canonical, excludes, w);
}

/// [`walk`] with the directory's canonical path known. Entries that are not symlinks
/// are judged by the type the directory listing gives, with no system call each: inside
/// a canonical directory under the root, they are under the root too. Only symlinks are
/// resolved, to keep the scan inside the tree.
fn walk_canonical(
    root: &Path,
    dir: &Path,
    canonical: PathBuf,
    excludes: &GlobSet,
    w: &mut Walk<'_>,
) {
    if !canonical.starts_with(root) {
        w.skipped.push((dir.to_path_buf(), OUTSIDE.to_string()));
        return;
    }
    if !w.seen.insert(canonical.clone()) {
        return;
    }
    let Some(entries) = sorted_entries(dir, w) else {
        return;
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == ".terraform" {
            // Installed registry and git modules live in .terraform/modules; they are
            // scanned through the calls that use them (modules.json), never as roots.
            let cache = path.join("modules");
            if cache.join("modules.json").is_file() {
                walk(root, &cache, excludes, w);
            }
            continue;
        }
        if name.starts_with('.') {
            continue;
        }
        let rel = relative(root, &path);
        if excludes.is_match(&rel) {
            continue;
        }
        if let Ok(kind) = entry.file_type()
            && !kind.is_symlink()
        {
            if kind.is_dir() {
                walk_canonical(root, &path, canonical.join(entry.file_name()), excludes, w);
            } else if kind.is_file() && (is_config(&name) || is_auto_tfvars(&name)) {
                found.push((w.place(), path));
            } else if !kind.is_file() && (is_config(&name) || is_auto_tfvars(&name)) {
                // Reading a named pipe or a device could block forever or never end.
                w.skipped
                    .push((path, "not scanned: not a regular file".to_string()));
            }
            continue;
        }
        let Ok(meta) = std::fs::metadata(&path) else {
            // A dangling symlink, a symlink loop or an unreadable entry; a `.tf` one is
            // reported on read.
            if name.ends_with(".tf") {
                found.push((w.place(), path));
            }
            continue;
        };
        if meta.is_dir() {
            walk(root, &path, excludes, w);
        } else if meta.is_file() && (is_config(&name) || is_auto_tfvars(&name)) {
            match path.canonicalize() {
                Ok(c) if c.starts_with(root) => found.push((w.place(), path)),
                Ok(_) => w.skipped.push((path, OUTSIDE.to_string())),
                Err(_) => found.push((w.place(), path)),
            }
        } else if !meta.is_file() && (is_config(&name) || is_auto_tfvars(&name)) {
            // Reading a named pipe or a device could block forever or never end.
            w.skipped
                .push((path, "not scanned: not a regular file".to_string()));
        }
    }
    if !found.is_empty() {
        (w.found)(dir, found);
    }
}

/// The entries of `dir` in name order; `None`, recorded as skipped, when it cannot be
/// listed.
fn sorted_entries(dir: &Path, w: &mut Walk<'_>) -> Option<Vec<std::fs::DirEntry>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut entries: Vec<_> = entries.flatten().collect();
            entries.sort_by_key(|e| e.file_name());
            Some(entries)
        }
        Err(e) => {
            w.skipped
                .push((dir.to_path_buf(), format!("cannot read directory: {e}")));
            None
        }
    }
}

/// The overlay's configuration files that are not on disk yet, where the walk would have
/// found them: under the root, in no hidden directory, not excluded.
fn unsaved(root: &Path, overlay: &Overlay, excludes: &GlobSet) -> Vec<PathBuf> {
    let mut add = Vec::new();
    for path in overlay.paths() {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let rel = relative(root, path);
        if hidden
            || !is_config(&name)
            || excludes.is_match(&rel)
            // On disk: the walk judged it.
            || path.symlink_metadata().is_ok()
        {
            continue;
        }
        add.push(path.to_path_buf());
    }
    add
}

/// Why a symlink out of the scanned tree is not followed (its target is not named: it is
/// none of the report's business).
const OUTSIDE: &str = "not scanned: a symlink to a path outside the scanned directory";

/// Variable files Terraform loads by itself from a root module's directory.
fn is_auto_tfvars(name: &str) -> bool {
    let name = name.strip_suffix(".json").unwrap_or(name);
    name == "terraform.tfvars" || name.ends_with(".auto.tfvars")
}

/// The path relative to the root with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    // The walk joins listed names onto the root, so most paths are the root's text, a
    // separator and a remainder already in the form its components give: that
    // remainder is taken whole (stripping and collecting components cost about 2,800
    // instructions a file).
    if let (Some(root), Some(text)) = (root.to_str(), path.to_str())
        && !root.is_empty()
        && in_component_form(root.trim_start_matches('/'))
        && let Some(rest) = text.strip_prefix(root).and_then(|r| r.strip_prefix('/'))
        && in_component_form(rest)
    {
        return rest.to_string();
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    if let Some(text) = rel.to_str()
        && in_component_form(text)
    {
        return text.to_string();
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether joining the components of the relative path `text` with `/` gives `text`
/// back: no root, no empty or `.` component after the first, no trailing separator.
fn in_component_form(text: &str) -> bool {
    let b = text.as_bytes();
    std::path::MAIN_SEPARATOR == '/'
        && b.first() != Some(&b'/')
        && b.last() != Some(&b'/')
        && !b.ends_with(b"/.")
        && !b.windows(2).any(|w| w == b"//")
        && !b.windows(3).any(|w| w == b"/./")
}

/// A file that could not be read, and the part of it that could: text up to the first
/// invalid UTF-8 byte (kept so that the error is located there), empty otherwise.
struct ReadError {
    message: String,
    readable: Arc<str>,
}

impl From<String> for ReadError {
    fn from(message: String) -> ReadError {
        ReadError {
            message,
            readable: Arc::from(""),
        }
    }
}

fn read_text(path: &Path, max: u64) -> Result<Arc<str>, ReadError> {
    read_text_with(crate::untrusted::read(path, max), max)
}

/// [`read_text`] of what reading a file gave.
fn read_text_with(
    read: Result<Vec<u8>, crate::untrusted::Refusal>,
    max: u64,
) -> Result<Arc<str>, ReadError> {
    use crate::untrusted::Refusal;
    let mut bytes = read.map_err(|e| match e {
        Refusal::Io(e) => format!("cannot read file: {e}"),
        Refusal::TooLarge { len: Some(len), .. } => {
            format!("file is {len} bytes, over the {max}-byte limit; not scanned")
        }
        Refusal::TooLarge { len: None, .. } => {
            format!("file is over the {max}-byte limit; not scanned")
        }
        e => format!("not scanned: {e}"),
    })?;
    // Terraform, like editors, ignores a byte-order mark; positions count from after it.
    if bytes.starts_with(crate::untrusted::BOM) {
        bytes.drain(..crate::untrusted::BOM.len());
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Arc::from(s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(at);
            // Everything before `valid_up_to` is valid UTF-8 by definition.
            let readable = String::from_utf8(bytes).unwrap_or_default();
            let line = readable.matches('\n').count() + 1;
            // Columns count UTF-16 code units, as every reported position does.
            let line_start = readable.rfind('\n').map_or(0, |i| i + 1);
            let col = readable
                .get(line_start..)
                .unwrap_or("")
                .encode_utf16()
                .count()
                + 1;
            Err(ReadError {
                message: format!(
                    "file is not valid UTF-8 (invalid byte at line {line}, column {col})"
                ),
                readable: Arc::from(readable),
            })
        }
    }
}

/// Local module sources (`./x`, `../x`) named by `module` blocks, resolved to directories
/// relative to the root; `None` for other sources and for directories outside the root.
pub(crate) fn local_module_dir(caller_dir: &str, source: &str) -> Option<String> {
    module_dir(caller_dir, source).filter(|d| !leaves_root(d))
}

/// [`local_module_dir`], also for directories outside the root: those start with `..`
/// (`../modules/vpc` from a scan of `envs`). The path is resolved lexically; whether it
/// may be read is for [`contained_module_dir`] to say.
pub(crate) fn module_dir(caller_dir: &str, source: &str) -> Option<String> {
    (source.starts_with("./") || source.starts_with("../")).then(|| join(caller_dir, source))
}

/// `path` (with `/` separators) taken from the directory `base`, `.` and `..` resolved
/// lexically; a `..` with nothing left to climb is kept (`join("a", "../../b")` is `../b`).
pub(crate) fn join(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Whether a directory relative to the root lies outside it (`..` or `../x`).
pub(crate) fn leaves_root(dir: &str) -> bool {
    dir == ".." || dir.starts_with("../")
}

/// The nearest directory at or above `dir` that holds `.git` (a directory, or a file in
/// a worktree or submodule).
pub(crate) fn git_root(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|d| d.join(".git").exists())
}

/// The directory (relative to `root`, the canonical scan root) a local or absolute module
/// source names, or `None` when it may not be read: a relative source must stay inside
/// `boundary` (the root, or the git repository holding it), lexically and through
/// symlinks; an absolute one inside the root. A directory that does not exist is judged
/// by its nearest existing ancestor.
pub(crate) fn contained_module_dir(
    root: &Path,
    boundary: &Path,
    caller_dir: &str,
    source: &str,
) -> Option<String> {
    let path = Path::new(source);
    if path.is_absolute() {
        if let Ok(c) = path.canonicalize() {
            return c.starts_with(root).then(|| relative(root, &c));
        }
        let lexical = !path
            .components()
            .any(|c| c == std::path::Component::ParentDir);
        return (lexical && path.starts_with(root) && physically_inside(root, path))
            .then(|| relative(root, path));
    }
    let rel = module_dir(caller_dir, source)?;
    if !leaves_root(&rel) {
        // Inside the root, the walk's rule: no symlink out of it.
        return physically_inside(root, &root.join(&rel)).then_some(rel);
    }
    // As many `..` as the root has ancestors, then a path down that ends inside the
    // boundary; named from the root again if it comes back into it.
    let lexical = above_root(root, &rel)?;
    if !lexical.starts_with(boundary) || !physically_inside(boundary, &lexical) {
        return None;
    }
    match lexical.strip_prefix(root) {
        Ok(inside) => physically_inside(root, &lexical).then(|| relative(Path::new(""), inside)),
        Err(_) => Some(rel),
    }
}

/// The path a directory relative to the root names (`../x`), resolved lexically; `None`
/// when it climbs above the filesystem root.
fn above_root(root: &Path, rel: &str) -> Option<PathBuf> {
    let ups = rel.split('/').take_while(|s| *s == "..").count();
    let base = root.ancestors().nth(ups)?;
    Some(
        rel.split('/')
            .skip(ups)
            .fold(base.to_path_buf(), |p, s| p.join(s)),
    )
}

/// A directory relative to the root, named from the root when a path above it comes back
/// into it (`../scan/m` in a scan of `scan` is `m`). Lexical only.
pub(crate) fn rooted(root: &Path, rel: String) -> String {
    if !leaves_root(&rel) {
        return rel;
    }
    match above_root(root, &rel)
        .as_deref()
        .map(|p| p.strip_prefix(root))
    {
        Some(Ok(inside)) => relative(Path::new(""), inside),
        _ => rel,
    }
}

/// Whether `path`, or its nearest ancestor that exists, resolves (symlinks followed) to a
/// path inside `root`.
fn physically_inside(root: &Path, path: &Path) -> bool {
    path.ancestors()
        .find_map(|a| a.canonicalize().ok())
        .is_some_and(|c| c.starts_with(root))
}

fn find_roots(
    root: &Path,
    calls: &[(String, Vec<String>)],
    modules: &BTreeMap<String, Vec<usize>>,
) -> Vec<String> {
    let mut called = BTreeSet::new();
    for (caller, sources) in calls {
        for source in sources {
            if let Some(dir) = module_dir(caller, source).map(|d| rooted(root, d))
                && dir != *caller
            {
                called.insert(dir);
            }
        }
    }
    modules
        .keys()
        .filter(|d| !called.contains(*d) && !d.split('/').any(|seg| seg == ".terraform"))
        .cloned()
        .collect()
}

/// A file's syntax: the tree, or the diagnostic that says why there is none; for a
/// `.tf.json` file also the offsets that map the translated HCL back to its JSON.
type Parsed = (
    Result<ParsedFile, Diagnostic>,
    Option<(FileId, Vec<(usize, usize)>)>,
);

/// Parses one file read by the loader (HCL, Terraform JSON, or a `.tfvars.json`).
fn parse_file(id: FileId, rel: &str, text: &str) -> Parsed {
    let mut anchors = None;
    let dir = dir_of(rel);
    let result = if rel.ends_with(".tf.json") {
        match tfjson::translate(text) {
            Ok(t) => match parse_hcl(&t.hcl) {
                Ok(body) => {
                    anchors = Some((id, t.anchors));
                    Ok(ParsedFile {
                        file: id,
                        dir,
                        body,
                        json: None,
                        deferred: false,
                    })
                }
                Err(e) => Err(Diagnostic::new(
                    DiagKind::Parse,
                    format!(
                        "invalid Terraform JSON: {}",
                        e.message().replace('\n', "; ")
                    ),
                    Some(Span::new(id, 0..0)),
                )),
            },
            Err((message, at)) => {
                let at = at.min(text.len());
                Err(Diagnostic::new(
                    DiagKind::Parse,
                    format!("invalid Terraform JSON: {message}"),
                    Some(Span::new(id, at..at)),
                ))
            }
        }
    } else if rel.ends_with(".json") {
        match serde_json::from_str::<serde_json::Value>(&crate::decimal::exact_json(text)) {
            Ok(json) if json.is_object() => Ok(ParsedFile {
                file: id,
                dir,
                body: Body::default(),
                json: Some(json),
                deferred: false,
            }),
            Ok(_) => Err(Diagnostic::new(
                DiagKind::Parse,
                "a .tfvars.json file must hold a JSON object",
                Some(Span::new(id, 0..0)),
            )),
            Err(e) => {
                let at = SourceFile::new(PathBuf::new(), String::new(), Arc::from(text))
                    .offset_of_line_char(e.line(), e.column());
                Err(Diagnostic::new(
                    DiagKind::Parse,
                    format!("invalid JSON: {e}"),
                    Some(Span::new(id, at..at)),
                ))
            }
        }
    } else {
        match parse_hcl(text) {
            Ok(body) => Ok(ParsedFile {
                file: id,
                dir,
                body,
                json: None,
                deferred: false,
            }),
            Err(e) => {
                let at = e.location().offset().min(text.len());
                Err(Diagnostic::new(
                    DiagKind::Parse,
                    format!("invalid HCL: {}", e.message().replace('\n', "; ")),
                    Some(Span::new(id, at..at)),
                ))
            }
        }
    };
    (result, anchors)
}

/// How many number literals hcl-edit refuses that one file may hold ([`parse_hcl`]).
const MAX_REFUSED_NUMBERS: usize = 64;

/// Parses HCL as Terraform does, numbers beyond an f64 included. Terraform's numbers are
/// arbitrary precision, so `1e309` or a 400-digit integer is valid; hcl-edit refuses a
/// literal that has no finite f64. Such a literal is parsed as zeros of the same length,
/// so every span stays exact, and the evaluator reads the number from the source at that
/// span (an unknown naming it: see `holds_exactly` in `value`). Only a replacement that
/// moves the parse error on is kept, so a number-like run inside a string or a comment
/// is never changed. (Patching hcl-edit would be cleaner, but the crate is used as
/// published; this costs nothing unless a file fails to parse.)
pub(crate) fn parse_hcl(text: &str) -> Result<Body, hcl_edit::parser::Error> {
    with_refused_numbers(text, hcl_edit::parser::parse_body).map(|(body, _)| body)
}

/// [`parse_hcl`]'s way with any hcl-edit parser: what `parse` makes of `text` with the
/// number literals it refuses read as zeros, and the first such literal, if any.
pub(crate) fn with_refused_numbers<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, hcl_edit::parser::Error>,
) -> Result<(T, Option<&str>), hcl_edit::parser::Error> {
    let mut error = match parse(text) {
        Ok(parsed) => return Ok((parsed, None)),
        Err(e) => e,
    };
    let mut first = None;
    let mut current = text.to_string();
    for range in refused_numbers(text).take(MAX_REFUSED_NUMBERS) {
        let literal = text.get(range.clone()).unwrap_or_default();
        // Keep the points, exponent markers and signs: the zeros read as one literal.
        let zeros: String = literal
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        let mut trial = current.clone();
        trial.replace_range(range.clone(), &zeros);
        match parse(&trial) {
            Ok(parsed) => return Ok((parsed, first.or(Some(literal)))),
            Err(e) if e.location().offset() > error.location().offset() => {
                current = trial;
                error = e;
                first = first.or(Some(literal));
            }
            Err(_) => {}
        }
    }
    Err(error)
}

/// The decimal literals of `text` that have no finite f64 (`1e309`, `4000…0`), as byte
/// ranges: runs of `digits[.digits][e[+-]digits]` that no name continues.
fn refused_numbers(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = text.as_bytes();
    let name = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'.';
    let digits = move |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(c) = b.get(i) {
            let start = i;
            let after_name = start
                .checked_sub(1)
                .and_then(|p| b.get(p))
                .is_some_and(|p| name(*p));
            if !c.is_ascii_digit() || after_name {
                i += 1;
                continue;
            }
            let mut end = digits(start);
            if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
                end = digits(end + 1);
            }
            if matches!(b.get(end), Some(b'e' | b'E')) {
                let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
                let after = digits(end + 1 + sign);
                if after > end + 1 + sign {
                    end = after;
                }
            }
            i = end.max(start + 1);
            let continued = b.get(end).is_some_and(|c| name(*c));
            let finite = text
                .get(start..end)
                .and_then(|t| t.parse::<f64>().ok())
                .is_some_and(f64::is_finite);
            if !continued && !finite {
                return Some(start..end);
            }
        }
        None
    })
}

/// Parses the text of a file whose parsing the loader deferred ([`ParsedFile::deferred`]).
pub(crate) fn parse_deferred(
    f: &ParsedFile,
    sources: &SourceMap,
) -> Result<ParsedFile, Diagnostic> {
    let text = sources
        .get(f.file)
        .map(SourceFile::text)
        .unwrap_or_default();
    let rel = sources.get(f.file).map_or("", |s| s.rel.as_str());
    parse_file(f.file, rel, &text).0
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_path_in_component_form_is_taken_whole() {
        let slow = |p: &str| {
            Path::new(p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        };
        for p in [
            "", ".", "./a", "a", "a/b.tf", "a/./b", "a//b", "a/b/", "a/.", "/a", "a/..", "../a",
            ".a/b", "a/.b", "a/b./c", "é/ü.tf",
        ] {
            assert_eq!(relative(Path::new(""), Path::new(p)), slow(p), "{p:?}");
            if in_component_form(p) {
                assert_eq!(slow(p), p, "{p:?}");
            }
        }
        for (root, path) in [
            ("/r", "/r/a/b.tf"),
            ("/r", "/s/a"),
            ("/r", "/r"),
            ("/r", "/rr/a"),
            ("/r/", "/r/a"),
            ("/r/.", "/r/./a"),
            ("/r//s", "/r//s/a"),
            ("/r", "/r//a"),
            ("/r", "/r/a/./b"),
            ("r", "r/a"),
            ("", "a/b"),
            ("", "/a"),
            ("/", "/a"),
            ("//r", "//r/a"),
        ] {
            let rel = Path::new(path)
                .strip_prefix(root)
                .unwrap_or(Path::new(path));
            let want = slow(&rel.to_string_lossy());
            assert_eq!(
                relative(Path::new(root), Path::new(path)),
                want,
                "{root:?} {path:?}"
            );
        }
    }
    use super::*;

    #[test]
    fn refused_number_literals_parse_as_zeros_of_the_same_length() {
        let digits400 = "7".repeat(400);
        let text =
            format!("a = 1e309\nb = [\"1e999\", -1.5e400, {digits400}]\n# 2e999\nc = x1e999\n");
        let refused: Vec<&str> = refused_numbers(&text).map(|r| &text[r]).collect();
        assert_eq!(
            refused,
            ["1e309", "1e999", "1.5e400", digits400.as_str(), "2e999"]
        );
        let body = parse_hcl(&text).expect("Terraform accepts it");
        let shown: Vec<String> = body
            .attributes()
            .map(|a| {
                let span = hcl_edit::Span::span(&a.value).expect("a span");
                format!("{} {}", a.key.value(), &text[span])
            })
            .collect();
        // The spans are the source's; the string, the comment and the name are untouched.
        assert_eq!(
            shown,
            [
                "a 1e309".to_string(),
                format!("b [\"1e999\", -1.5e400, {digits400}]"),
                "c x1e999".to_string()
            ]
        );
        let Some(hcl_edit::expr::Expression::Array(b)) = body.get_attribute("b").map(|a| &a.value)
        else {
            panic!("an array");
        };
        assert_eq!(
            b.iter()
                .map(|e| match e {
                    hcl_edit::expr::Expression::String(s) => s.value().to_string(),
                    other => other.to_string().trim().to_string(),
                })
                .collect::<Vec<_>>(),
            ["1e999".to_string(), "-0.0e000".to_string(), "0".repeat(400)]
        );
        // A real error is still reported, where it is.
        let broken = "a = 1e309\nb = \n";
        let e = parse_hcl(broken).expect_err("invalid");
        assert_eq!(e.location().line(), 2);
    }

    #[test]
    fn an_overlay_stands_in_for_files_the_scan_would_read_and_no_others() {
        let tmp = tempfile::tempdir().expect("a temporary directory");
        let root = tmp.path().canonicalize().expect("canonical");
        std::fs::write(root.join("main.tf"), "# disk\n").expect("write");
        std::fs::create_dir_all(root.join(".hidden")).expect("dirs");
        let mut overlay = Overlay::default();
        overlay.insert(&root.join("main.tf"), Arc::from("# editor\n"));
        // Not saved yet: scanned where the walk would have found it.
        overlay.insert(&root.join("new.tf"), Arc::from("# new\n"));
        // Never: a hidden directory, a file that is not configuration, outside the root.
        overlay.insert(&root.join(".hidden/x.tf"), Arc::from("# hidden\n"));
        overlay.insert(&root.join("notes.txt"), Arc::from("text"));
        overlay.insert(&tmp.path().join("../outside.tf"), Arc::from("# out\n"));
        let excludes = GlobSet::empty();
        let loaded = load(
            &root,
            &LoadOptions {
                excludes: &excludes,
                max_file_bytes: DEFAULT_MAX_FILE_BYTES,
                var_files: &[],
                overlay: Some(&overlay),
            },
        )
        .expect("loads");
        let texts: Vec<(&str, String)> = loaded
            .sources
            .files()
            .map(|(_, f)| (f.rel.as_str(), f.text().to_string()))
            .collect();
        assert_eq!(
            texts,
            [
                ("main.tf", "# editor\n".to_string()),
                ("new.tf", "# new\n".to_string())
            ]
        );
    }

    #[test]
    fn local_sources_resolve_relative_to_the_caller() {
        assert_eq!(
            local_module_dir("envs/prod", "../../modules/vpc").as_deref(),
            Some("modules/vpc")
        );
        assert_eq!(
            local_module_dir("", "./modules/sg").as_deref(),
            Some("modules/sg")
        );
        assert_eq!(local_module_dir("", "../outside"), None);
        assert_eq!(local_module_dir("", "terraform-aws-modules/vpc/aws"), None);
    }

    #[test]
    fn module_dirs_outside_the_root_are_not_contained() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().expect("a temporary directory");
        let base = tmp.path().canonicalize().expect("canonical");
        let root = base.join("scan");
        std::fs::create_dir_all(root.join("modules/sg")).expect("dirs");
        std::fs::create_dir_all(base.join("outside")).expect("dirs");
        symlink(base.join("outside"), root.join("out")).expect("a link out");
        let at = |caller: &str, source: &str| contained_module_dir(&root, &root, caller, source);
        assert_eq!(at("", "./modules/sg").as_deref(), Some("modules/sg"));
        assert_eq!(
            at("modules/sg", "../missing").as_deref(),
            Some("modules/missing")
        );
        assert_eq!(at("", "../outside"), None);
        assert_eq!(at("", "./out"), None);
        assert_eq!(at("", "./out/sub"), None, "missing below a link out");
        let abs = |p: &Path| p.display().to_string();
        assert_eq!(
            at("", &abs(&root.join("modules/sg"))).as_deref(),
            Some("modules/sg")
        );
        assert_eq!(at("", &abs(&root.join("gone"))).as_deref(), Some("gone"));
        assert_eq!(at("", &abs(&base.join("outside"))), None);
        assert_eq!(at("", &abs(&root.join("../outside/gone"))), None);
        assert_eq!(at("", "/etc"), None);

        // With the parent as the boundary (the git repository holding the root).
        let within =
            |caller: &str, source: &str| contained_module_dir(&root, &base, caller, source);
        assert_eq!(within("", "../outside").as_deref(), Some("../outside"));
        assert_eq!(
            within("", "../outside/gone").as_deref(),
            Some("../outside/gone")
        );
        assert_eq!(
            within("../outside", "../scan/modules/sg").as_deref(),
            Some("modules/sg"),
            "a path back into the root is named from it"
        );
        assert_eq!(within("", "../../above"), None, "beyond the boundary");
        assert_eq!(within("../outside", "../../above"), None);
        assert_eq!(
            within("", "./out"),
            None,
            "inside the root, no link out of it"
        );
        assert_eq!(within("", &abs(&base.join("outside"))), None);
        assert_eq!(
            at("", "../scan/modules/sg").as_deref(),
            Some("modules/sg"),
            "without a repository too, a path back into the root is inside it"
        );
        assert_eq!(rooted(&root, "../scan/modules/sg".into()), "modules/sg");
        assert_eq!(rooted(&root, "../outside".into()), "../outside");
        assert_eq!(rooted(&root, "modules/sg".into()), "modules/sg");
    }

    #[test]
    fn module_dirs_may_name_directories_above_the_root() {
        assert_eq!(module_dir("", "../m").as_deref(), Some("../m"));
        assert_eq!(module_dir("../a/b", "../../c").as_deref(), Some("../c"));
        assert_eq!(module_dir("../a", "../../c").as_deref(), Some("../../c"));
        assert_eq!(module_dir("x", "../../c").as_deref(), Some("../c"));
        assert_eq!(module_dir("", "registry/x/aws"), None);
        assert!(leaves_root("..") && leaves_root("../m") && !leaves_root("..m"));
    }

    /// The walk as it was before reading overlapped it: one thread, every path found
    /// collected, then sorted. The oracle of [`walk_and_read`]'s files and skips.
    mod serial_walk {
        use super::super::{OUTSIDE, is_auto_tfvars, is_config, relative};
        use globset::GlobSet;
        use std::collections::HashSet;
        use std::path::{Path, PathBuf};

        #[derive(Default)]
        pub(super) struct Walk {
            seen: HashSet<PathBuf>,
            pub(super) found: Vec<PathBuf>,
            pub(super) skipped: Vec<(PathBuf, String)>,
        }

        pub(super) fn walk(root: &Path, dir: &Path, excludes: &GlobSet, w: &mut Walk) {
            let canonical = match dir.canonicalize() {
                Ok(c) => c,
                Err(e) => {
                    w.skipped
                        .push((dir.to_path_buf(), format!("cannot read directory: {e}")));
                    return;
                }
            };
            walk_canonical(root, dir, canonical, excludes, w);
        }

        fn walk_canonical(
            root: &Path,
            dir: &Path,
            canonical: PathBuf,
            excludes: &GlobSet,
            w: &mut Walk,
        ) {
            if !canonical.starts_with(root) {
                w.skipped.push((dir.to_path_buf(), OUTSIDE.to_string()));
                return;
            }
            if !w.seen.insert(canonical.clone()) {
                return;
            }
            let entries = match std::fs::read_dir(dir) {
                Ok(entries) => entries,
                Err(e) => {
                    w.skipped
                        .push((dir.to_path_buf(), format!("cannot read directory: {e}")));
                    return;
                }
            };
            let mut entries: Vec<_> = entries.flatten().collect();
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let path = entry.path();
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name == ".terraform" {
                    let cache = path.join("modules");
                    if cache.join("modules.json").is_file() {
                        walk(root, &cache, excludes, w);
                    }
                    continue;
                }
                if name.starts_with('.') {
                    continue;
                }
                let rel = relative(root, &path);
                if excludes.is_match(&rel) {
                    continue;
                }
                let wanted = is_config(&name) || is_auto_tfvars(&name);
                if let Ok(kind) = entry.file_type()
                    && !kind.is_symlink()
                {
                    if kind.is_dir() {
                        walk_canonical(root, &path, canonical.join(entry.file_name()), excludes, w);
                    } else if kind.is_file() && wanted {
                        w.found.push(path);
                    } else if !kind.is_file() && wanted {
                        w.skipped
                            .push((path, "not scanned: not a regular file".to_string()));
                    }
                    continue;
                }
                let Ok(meta) = std::fs::metadata(&path) else {
                    if name.ends_with(".tf") {
                        w.found.push(path);
                    }
                    continue;
                };
                if meta.is_dir() {
                    walk(root, &path, excludes, w);
                } else if meta.is_file() && wanted {
                    match path.canonicalize() {
                        Ok(c) if c.starts_with(root) => w.found.push(path),
                        Ok(_) => w.skipped.push((path, OUTSIDE.to_string())),
                        Err(_) => w.found.push(path),
                    }
                } else if !meta.is_file() && wanted {
                    w.skipped
                        .push((path, "not scanned: not a regular file".to_string()));
                }
            }
        }
    }

    /// A tree with what the walk decides about: symlinks to one directory under names
    /// that sort before and after it, a loop, links and files out of the tree, a dangling
    /// link, a named pipe, hidden and excluded directories, the modules cache with and
    /// without `modules.json`, names that sort around a directory's (`a`, `a.tf`, `a-b`).
    /// How many files [`hostile_tree`] puts in its directory `many`: three reading tasks.
    const MANY: usize = 2 * FILES_PER_TASK + 5;

    fn hostile_tree(outside: &Path, root: &Path, link_names: [&str; 2]) {
        use std::os::unix::fs::symlink;
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("a parent")).expect("dirs");
            std::fs::write(p, text).expect("write");
        };
        for rel in [
            "main.tf",
            "a.tf",
            "a/x.tf",
            "a-b/y.tf",
            "a/b/c/deep.tf",
            "shared/s.tf",
            "shared/inner/i.tf",
            "excluded/e.tf",
            "keep/excluded/k.tf",
            ".hidden/h.tf",
            "terraform.tfvars",
            "prod.auto.tfvars.json",
            "notes.txt",
            "env/.terraform/modules/m/z.tf",
            "env/.terraform/modules/modules.json",
            "other/.terraform/modules/n/w.tf",
        ] {
            write(rel, "# x\n");
        }
        // More files in one directory than one reading task reads, each its own text.
        for i in 0..MANY {
            write(&format!("many/f{i:03}.tf"), &format!("# {i}\n"));
        }
        std::fs::write(outside.join("o.tf"), "# out\n").expect("write");
        for name in link_names {
            symlink(root.join("shared"), root.join(name)).expect("link");
        }
        symlink(root, root.join("shared/inner/loop")).expect("link");
        symlink("..", root.join("a/up")).expect("link");
        symlink(outside, root.join("away")).expect("link");
        symlink(outside.join("o.tf"), root.join("out.tf")).expect("link");
        symlink(root.join("a/x.tf"), root.join("in.tf")).expect("link");
        symlink(root.join("nowhere.tf"), root.join("dangling.tf")).expect("link");
        symlink(root.join("shared/inner"), root.join("a/b/inner-link")).expect("link");
        let fifo =
            std::ffi::CString::new(root.join("pipe.tf").display().to_string()).expect("no NUL");
        // SAFETY: `fifo` is a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn reading_while_walking_finds_what_the_serial_walk_found_in_its_order() {
        let excludes = {
            let mut b = globset::GlobSetBuilder::new();
            b.add(globset::Glob::new("excluded/**").expect("a glob"));
            b.build().expect("a glob set")
        };
        let no_excludes = GlobSet::empty();
        // Each canonical directory is walked once, under the name that sorts first.
        for (link_names, winner) in [
            (["0-first", "z-last"], "0-first/s.tf"),
            (["b-shared", "sharedz"], "b-shared/s.tf"),
            (["a/x", "m"], "a/x/s.tf"),
        ] {
            let tmp = tempfile::tempdir().expect("a temporary directory");
            let base = tmp.path().canonicalize().expect("canonical");
            let (root, outside) = (base.join("root"), base.join("outside"));
            std::fs::create_dir_all(&outside).expect("dirs");
            std::fs::create_dir_all(&root).expect("dirs");
            hostile_tree(&outside, &root, link_names);
            for globs in [&excludes, &no_excludes] {
                let opts = LoadOptions {
                    excludes: globs,
                    max_file_bytes: DEFAULT_MAX_FILE_BYTES,
                    var_files: &[],
                    overlay: None,
                };
                let mut old = serial_walk::Walk::default();
                serial_walk::walk(&root, &root, globs, &mut old);
                old.found.sort();
                let expected: Vec<(PathBuf, String, String)> = old
                    .found
                    .iter()
                    .map(|p| {
                        let text = read_text(p, DEFAULT_MAX_FILE_BYTES);
                        let text = text.map_or_else(|e| e.message, |t| t.to_string());
                        (p.clone(), relative(&root, p), text)
                    })
                    .collect();
                let (read, skipped) = walk_and_read(&root, &opts);
                let got: Vec<(PathBuf, String, String)> = read
                    .into_iter()
                    .map(|(p, rel, _, text)| {
                        (p, rel, text.map_or_else(|e| e.message, |t| t.to_string()))
                    })
                    .collect();
                assert_eq!(got, expected, "{link_names:?}");
                assert_eq!(skipped, old.skipped, "{link_names:?}");
                let rels: Vec<&str> = got.iter().map(|(_, rel, _)| rel.as_str()).collect();
                assert!(rels.contains(&winner), "{rels:?}");
                assert_eq!(rels.iter().filter(|r| r.ends_with("/s.tf")).count(), 1);
                assert!(rels.contains(&"env/.terraform/modules/m/z.tf"));
                assert!(skipped.iter().any(|(p, _)| p.ends_with("pipe.tf")));
                let many = got.iter().filter(|(_, rel, _)| rel.starts_with("many/"));
                assert_eq!(many.count(), MANY);
            }
        }
    }
}
