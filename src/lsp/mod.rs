//! `tfscan lsp`: a Language Server Protocol server over stdio.
//!
//! It scans the workspace folder as `tfscan scan` would (the same configuration
//! discovery and trust rules: the caller builds the [`Options`]), with the editor's open
//! documents standing in for the files on disk ([`Overlay`]). An edit rescans only the
//! root module holding the edited file (every root when the file is a module that roots
//! call), and publishes, for every file whose results changed:
//!
//! - findings as diagnostics: critical and high are errors, medium warnings, low
//!   information; the check id is the code, its documentation the `codeDescription`,
//!   and where the value was written (through variables and modules) the related
//!   information;
//! - undecided results as hints saying what would decide them;
//! - read and parse errors as errors.
//!
//! Hover on a resource block shows its evaluated values (as `tfscan model` prints them)
//! and, for security groups, network ACLs and subnets, the internet exposure through
//! them (as `tfscan exposure` finds it). Code actions offer the check's fix
//! ([`crate::fix`]) and an inline suppression with a reason to fill in and an expiry;
//! the command `tfscan.fixFile` applies every fix of a file.
//!
//! Edits that arrive together (fast typing) are scanned once, after the last of them;
//! a request (hover, code action) is answered after the rescan of every edit before it.

mod text;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use serde_json::{Value as Json, json};

use crate::Options;
use crate::check::{Check, Severity};
use crate::diag::Diagnostic;
use crate::engine::Catalog;
use crate::finding::Finding;
use crate::loader::Overlay;
use crate::report::Report;
use crate::source::Span;

pub(crate) use text::{path_to_uri, uri_to_path};

/// Builds the scan options for a workspace directory, as the command line does for
/// `tfscan scan DIR` (configuration discovery, confinement of an in-tree configuration).
pub type OptionsFor<'a> = dyn Fn(&Path) -> Result<Options, String> + 'a;

/// The command that applies every fix of the file named by its one argument (a URI).
pub(crate) const FIX_FILE: &str = "tfscan.fixFile";

/// How long an ignore inserted by the "suppress" action lasts before the finding is
/// reported again: a quarter, so an accepted risk is looked at again.
const SUPPRESS_DAYS: i64 = 90;

/// Serves LSP on stdin and stdout until the client sends `exit`.
pub(crate) fn run(options_for: &OptionsFor<'_>) -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    serve(&connection, options_for)?;
    drop(connection);
    io.join().map_err(|e| e.to_string())
}

/// Serves LSP on `connection` (its initialization included).
pub(crate) fn serve(connection: &Connection, options_for: &OptionsFor<'_>) -> Result<(), String> {
    let capabilities = lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::FULL),
                save: Some(lt::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lt::CodeActionProviderCapability::Simple(true)),
        execute_command_provider: Some(lt::ExecuteCommandOptions {
            commands: vec![FIX_FILE.to_string()],
            ..Default::default()
        }),
        ..Default::default()
    };
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection.initialize(caps).map_err(|e| e.to_string())?;
    let params: lt::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    #[allow(deprecated)] // rootUri: older clients send only it.
    let workspace = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone())
        .and_then(|u| uri_to_path(&u));
    let mut server = Server {
        connection,
        options_for,
        workspace,
        scan: None,
        overlay: Overlay::default(),
        open: HashMap::new(),
        results: HashMap::new(),
        dirty: false,
        pending: Some(std::collections::BTreeSet::new()),
        published: HashMap::new(),
        next_request: 0,
    };
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                // A request sees the results of every edit before it.
                server.flush();
                server.request(req);
            }
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
        // Edits that arrive together (typing) are scanned once, after the last.
        if connection.receiver.is_empty() {
            server.flush();
        }
    }
    Ok(())
}

/// What the server knows of the workspace's scan.
struct Scanned {
    opts: Options,
    catalog: Catalog,
    /// The scan root (canonical) and its root module directories.
    root: PathBuf,
    root_dirs: Vec<String>,
}

/// One result shown in a file.
#[derive(Clone)]
struct Item {
    diagnostic: lt::Diagnostic,
    /// For a finding: what its code actions need.
    finding: Option<FindingRef>,
}

#[derive(Clone)]
struct FindingRef {
    check: String,
    /// The file and offset of the resource block's header.
    header_path: PathBuf,
    header: usize,
    /// The finding's span, when it is in the header's file.
    span: Option<std::ops::Range<usize>>,
}

struct Server<'a> {
    connection: &'a Connection,
    options_for: &'a OptionsFor<'a>,
    workspace: Option<PathBuf>,
    scan: Option<Scanned>,
    overlay: Overlay,
    /// Open documents by canonical path: their URI as the editor names them.
    open: HashMap<PathBuf, lt::Uri>,
    /// Root module directory → file → its results there.
    results: HashMap<String, HashMap<PathBuf, Vec<Item>>>,
    /// Whether an edit awaits a rescan, and of which roots (`None`: every root).
    dirty: bool,
    pending: Option<std::collections::BTreeSet<String>>,
    /// What was last published for each file.
    published: HashMap<PathBuf, Vec<lt::Diagnostic>>,
    next_request: i32,
}

impl Server<'_> {
    fn send(&self, msg: Message) {
        // The client went away: the receiver loop ends by itself.
        let _ = self.connection.sender.send(msg);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    fn log(&self, message: String) {
        self.notify(
            "window/logMessage",
            lt::LogMessageParams {
                typ: lt::MessageType::LOG,
                message,
            },
        );
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lt::DidOpenTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if let Some(path) = uri_to_path(&uri) {
                        let key = Overlay::key(&path);
                        self.overlay.insert(&key, Arc::from(p.text_document.text));
                        self.open.insert(key.clone(), uri);
                        self.changed(&key);
                    }
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lt::DidChangeTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    // Full synchronisation: each change is the whole text.
                    let key = Overlay::key(&path);
                    self.overlay.insert(&key, Arc::from(change.text));
                    self.changed(&key);
                }
            }
            "textDocument/didSave" => {
                if let Ok(p) = serde_json::from_value::<lt::DidSaveTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    let key = Overlay::key(&path);
                    if let Some(text) = p.text {
                        self.overlay.insert(&key, Arc::from(text));
                    }
                    self.changed(&key);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lt::DidCloseTextDocumentParams>(n.params)
                    && let Some(path) = uri_to_path(&p.text_document.uri)
                {
                    // The disk's text counts again.
                    let key = Overlay::key(&path);
                    self.overlay.remove(&key);
                    self.changed(&key);
                    self.open.remove(&key);
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            "textDocument/hover" => serde_json::from_value::<lt::HoverParams>(req.params)
                .map_err(|e| e.to_string())
                .map(|p| json!(self.hover(&p))),
            "textDocument/codeAction" => serde_json::from_value::<lt::CodeActionParams>(req.params)
                .map_err(|e| e.to_string())
                .map(|p| json!(self.code_actions(&p))),
            "workspace/executeCommand" => {
                serde_json::from_value::<lt::ExecuteCommandParams>(req.params)
                    .map_err(|e| e.to_string())
                    .and_then(|p| self.execute(&p))
            }
            other => {
                self.respond_error(
                    id,
                    ErrorCode::MethodNotFound,
                    format!("unknown method {other}"),
                );
                return;
            }
        };
        match result {
            Ok(value) => self.send(Message::Response(Response::new_ok(id, value))),
            Err(e) => self.respond_error(id, ErrorCode::InvalidParams, e),
        }
    }

    fn respond_error(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    /// The scan state, set up on first use: the workspace folder, else the directory of
    /// the first file opened.
    fn ensure_scan(&mut self, file: &Path) -> Option<&Scanned> {
        if self.scan.is_none() {
            let dir = self
                .workspace
                .clone()
                .or_else(|| file.parent().map(Path::to_path_buf))?;
            let opts = match (self.options_for)(&dir) {
                Ok(o) => o,
                Err(e) => {
                    self.log(format!("tfscan: {e}"));
                    return None;
                }
            };
            let mut catalog = match crate::catalog(&opts) {
                Ok(c) => c,
                Err(e) => {
                    self.log(format!("tfscan: {e}"));
                    return None;
                }
            };
            if let Err(e) = crate::select_checks(&mut catalog, &opts) {
                self.log(format!("tfscan: {e}"));
                return None;
            }
            let root = dir.canonicalize().unwrap_or(dir);
            self.scan = Some(Scanned {
                opts,
                catalog,
                root,
                root_dirs: Vec::new(),
            });
            self.rescan(None);
        }
        self.scan.as_ref()
    }

    /// The root module directory holding `file`, when it is one; `None` when the file is
    /// in a module that roots call (or outside every root), which any root may use.
    fn root_of(&self, file: &Path) -> Option<String> {
        let scan = self.scan.as_ref()?;
        let rel = file.strip_prefix(&scan.root).ok()?;
        let dir = crate::loader::relative(Path::new(""), rel.parent()?);
        scan.root_dirs.contains(&dir).then_some(dir)
    }

    /// A file's text changed (or now comes from disk again): rescan its root.
    fn changed(&mut self, file: &Path) {
        let fresh = self.scan.is_none();
        if self.ensure_scan(file).is_none() {
            return;
        }
        if fresh {
            // The first scan covered every root.
            return;
        }
        let inside = self
            .scan
            .as_ref()
            .is_some_and(|s| file.starts_with(&s.root));
        if inside {
            match self.root_of(file) {
                Some(root) => {
                    if let Some(roots) = &mut self.pending {
                        roots.insert(root);
                    }
                }
                // A module that roots call: every root may use it.
                None => self.pending = None,
            }
            self.dirty = true;
        }
    }

    /// Rescans the roots that edits since the last scan touched.
    fn flush(&mut self) {
        if !self.dirty {
            return;
        }
        let roots = self
            .pending
            .replace(std::collections::BTreeSet::new())
            .map(|r| r.into_iter().collect());
        self.dirty = false;
        self.rescan(roots);
    }

    /// Scans the given roots (every root when `None`) with the open documents' texts,
    /// replaces their results and publishes the files whose results changed.
    fn rescan(&mut self, roots: Option<Vec<String>>) -> Option<Duration> {
        let scan = self.scan.as_mut()?;
        let started = Instant::now();
        let mut opts = scan.opts.clone();
        opts.path = scan.root.clone();
        opts.overlay = Some(Arc::new(self.overlay.clone()));
        opts.only_roots = roots.clone();
        opts.skip_rule_subjects = true;
        let report = match crate::scan_with(scan.catalog.clone(), &opts) {
            Ok(r) => r,
            Err(e) => {
                let message = format!("tfscan: {e}");
                self.log(message);
                return None;
            }
        };
        scan.root_dirs = report.root_dirs.clone();
        let scanned: Vec<String> = roots.unwrap_or_else(|| report.root_dirs.clone());
        let mut fresh = items(&report);
        let mut touched: HashSet<PathBuf> = HashSet::new();
        for root in &scanned {
            let new = fresh.remove(root).unwrap_or_default();
            if let Some(old) = self.results.insert(root.clone(), new) {
                touched.extend(old.into_keys());
            }
        }
        // Results of files outside every root (read and parse errors of module files)
        // are kept under "" with the root module at the top.
        for (root, files) in fresh {
            let entry = self.results.entry(root).or_default();
            entry.extend(files);
        }
        for files in self.results.values() {
            touched.extend(files.keys().cloned());
        }
        touched.extend(self.open.keys().cloned());
        touched.extend(self.published.keys().cloned());
        let elapsed = started.elapsed();
        self.log(format!(
            "tfscan: rescanned {} in {:.1} ms",
            match &opts.only_roots {
                Some(r) => r.join(", "),
                None => "every root".to_string(),
            },
            elapsed.as_secs_f64() * 1e3
        ));
        self.publish(touched);
        Some(elapsed)
    }

    fn publish(&mut self, files: HashSet<PathBuf>) {
        let mut files: Vec<PathBuf> = files.into_iter().collect();
        files.sort();
        for file in files {
            // A module file that several roots call holds each root's results: one of
            // each is shown.
            let mut diagnostics: Vec<lt::Diagnostic> = Vec::new();
            for d in self
                .results
                .values()
                .filter_map(|f| f.get(&file))
                .flatten()
                .map(|i| &i.diagnostic)
            {
                if !diagnostics.contains(d) {
                    diagnostics.push(d.clone());
                }
            }
            diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
            let uri = match self.open.get(&file) {
                Some(u) => u.clone(),
                None => match path_to_uri(&file) {
                    Some(u) => u,
                    None => continue,
                },
            };
            // Only what changed is sent (an open document gets at least one list).
            if self.published.get(&file) == Some(&diagnostics)
                || (diagnostics.is_empty()
                    && !self.published.contains_key(&file)
                    && !self.open.contains_key(&file))
            {
                continue;
            }
            self.published.insert(file.clone(), diagnostics.clone());
            self.notify(
                "textDocument/publishDiagnostics",
                lt::PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version: None,
                },
            );
        }
    }

    /// The current text of a file: the editor's, else the disk's (read as the scan
    /// reads the tree: a regular file, within the size limit).
    /// The variables declared by the files of the module (directory) holding `path`,
    /// open buffers as edited: a quick fix must not declare one of them again.
    fn module_variables(&self, path: &Path) -> std::collections::BTreeSet<String> {
        let Some(entries) = path.parent().and_then(|d| std::fs::read_dir(d).ok()) else {
            return Default::default();
        };
        let texts: Vec<(String, Arc<str>)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p != path)
            .filter_map(|p| {
                let name = p.file_name()?.to_str()?.to_string();
                let terraform = name.ends_with(".tf") || name.ends_with(".tf.json");
                terraform.then(|| Some((name, self.text_of(&p)?))).flatten()
            })
            .collect();
        crate::fix::declared_variables(texts.iter().map(|(n, t)| (n.as_str(), &**t)))
    }

    fn text_of(&self, path: &Path) -> Option<Arc<str>> {
        match self.overlay.get(path) {
            Some(t) => Some(t.clone()),
            None => crate::untrusted::read_text(path, crate::loader::DEFAULT_MAX_FILE_BYTES)
                .ok()
                .map(Arc::from),
        }
    }

    fn items_at(&self, path: &Path, range: lt::Range) -> Vec<&Item> {
        let overlaps = |r: &lt::Range| r.start <= range.end && range.start <= r.end;
        self.results
            .values()
            .filter_map(|f| f.get(path))
            .flatten()
            .filter(|i| overlaps(&i.diagnostic.range))
            .collect()
    }

    fn code_actions(&self, p: &lt::CodeActionParams) -> Vec<lt::CodeActionOrCommand> {
        let Some(path) = uri_to_path(&p.text_document.uri).map(|p| Overlay::key(&p)) else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        let mut suppressed = HashSet::new();
        // The module's variables are read once per file a fix is planned in, not per item.
        let mut declared: HashMap<PathBuf, std::collections::BTreeSet<String>> = HashMap::new();
        for item in self.items_at(&path, p.range) {
            let Some(f) = &item.finding else { continue };
            let Some(text) = self.text_of(&f.header_path) else {
                continue;
            };
            let Some(uri) = self
                .open
                .get(&f.header_path)
                .cloned()
                .or_else(|| path_to_uri(&f.header_path))
            else {
                continue;
            };
            if let Some(fix) = crate::fix::for_check(&f.check) {
                let target = crate::fix::Target {
                    header: f.header,
                    finding: f.span.clone(),
                    declared: declared
                        .entry(f.header_path.clone())
                        .or_insert_with(|| self.module_variables(&f.header_path))
                        .clone(),
                };
                if let Ok(edits) = crate::fix::plan(fix, &text, &target) {
                    actions.push(action(
                        format!("{} ({})", fix.title, f.check),
                        &uri,
                        &text,
                        &edits,
                        item,
                        true,
                    ));
                }
            }
            if suppressed.insert((f.check.clone(), f.header_path.clone(), f.header)) {
                let edit = suppression(&text, f.header, &f.check);
                actions.push(action(
                    format!("Suppress {} on this resource", f.check),
                    &uri,
                    &text,
                    std::slice::from_ref(&edit),
                    item,
                    false,
                ));
            }
        }
        actions
    }

    fn execute(&mut self, p: &lt::ExecuteCommandParams) -> Result<Json, String> {
        if p.command != FIX_FILE {
            return Err(format!("unknown command {}", p.command));
        }
        let uri: lt::Uri = p
            .arguments
            .first()
            .cloned()
            .and_then(|a| serde_json::from_value(a).ok())
            .ok_or_else(|| format!("{FIX_FILE} takes the URI of a file"))?;
        let path = uri_to_path(&uri)
            .map(|p| Overlay::key(&p))
            .ok_or_else(|| "not a file URI".to_string())?;
        let text = self
            .text_of(&path)
            .ok_or_else(|| "cannot read the file".to_string())?;
        let mut findings: Vec<FindingRef> = self
            .results
            .values()
            .filter_map(|f| f.get(&path))
            .flatten()
            .filter_map(|i| i.finding.clone())
            .filter(|f| f.header_path == path && crate::fix::for_check(&f.check).is_some())
            .collect();
        // Later blocks first: an edit never moves the blocks before it.
        findings.sort_by_key(|f| std::cmp::Reverse(f.header));
        let mut fixed = text.to_string();
        let mut applied = 0;
        let declared = self.module_variables(&path);
        for f in &findings {
            let Some(fix) = crate::fix::for_check(&f.check) else {
                continue;
            };
            let target = crate::fix::Target {
                header: f.header,
                finding: f.span.clone(),
                declared: declared.clone(),
            };
            if let Ok(edits) = crate::fix::plan(fix, &fixed, &target) {
                fixed = crate::fix::apply(&fixed, &edits);
                applied += 1;
            }
        }
        if applied > 0 {
            let whole = crate::fix::Edit {
                range: 0..text.len(),
                text: fixed,
            };
            let edit = workspace_edit(&uri, &text, std::slice::from_ref(&whole));
            self.next_request += 1;
            self.send(Message::Request(Request::new(
                RequestId::from(format!("tfscan-{}", self.next_request)),
                "workspace/applyEdit".to_string(),
                lt::ApplyWorkspaceEditParams {
                    label: Some("tfscan: apply fixes".to_string()),
                    edit,
                },
            )));
        }
        Ok(json!({ "applied": applied }))
    }

    fn hover(&self, p: &lt::HoverParams) -> Option<lt::Hover> {
        let pos = &p.text_document_position_params;
        let path = Overlay::key(&uri_to_path(&pos.text_document.uri)?);
        let scan = self.scan.as_ref()?;
        let text = self.text_of(&path)?;
        let at = text::offset(&text, pos.position);
        let body = hcl_edit::parser::parse_body(&text).ok()?;
        use hcl_edit::Span as _;
        let block = body.blocks().find(|b| {
            b.ident.as_str() == "resource" && b.span().is_some_and(|s| s.contains(&at))
        })?;
        let rtype = block.labels.first()?.as_str().to_string();
        let name = block.labels.get(1)?.as_str().to_string();
        let header = block.span()?;
        let mut opts = scan.opts.clone();
        opts.path = scan.root.clone();
        opts.overlay = Some(Arc::new(self.overlay.clone()));
        opts.only_roots = self.root_of(&path).map(|r| vec![r]);
        let input = crate::load_input(&opts).ok()?;
        let instances: Vec<&crate::model::ResourceInstance> = input
            .model
            .instances
            .iter()
            .filter(|r| {
                *r.rtype == *rtype
                    && r.name == name
                    && input
                        .sources
                        .get(r.header.file)
                        .is_some_and(|f| Overlay::key(&f.path) == path)
            })
            .collect();
        let mut md = format!("**{rtype}.{name}**\n\n");
        const SHOWN: usize = 5;
        for r in instances.iter().take(SHOWN) {
            let values = crate::model::json::instance(r, &input.sources);
            let pretty = serde_json::to_string_pretty(&values["values"]).unwrap_or_default();
            md.push_str(&format!("`{}`\n```json\n{pretty}\n```\n", r.address));
        }
        if instances.len() > SHOWN {
            md.push_str(&format!(
                "… and {} more instances\n",
                instances.len() - SHOWN
            ));
        }
        if instances.is_empty() {
            md.push_str("No instance: `count` or `for_each` makes none, or it is not evaluated.\n");
        }
        let network = [
            "aws_security_group",
            "aws_network_acl",
            "aws_default_network_acl",
            "aws_subnet",
            "aws_default_security_group",
            "aws_default_subnet",
        ];
        if network.contains(&rtype.as_str()) {
            md.push_str(&exposure_through(&input, &instances, opts.internet_share));
        }
        Some(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: md,
            }),
            range: Some(lt::Range {
                start: text::position(&text, header.start),
                end: text::position(&text, header.end),
            }),
        })
    }
}

/// What `tfscan exposure` finds reachable from the internet through these instances (a
/// security group, network ACL or subnet on the path), as Markdown lines.
fn exposure_through(
    input: &crate::Input,
    instances: &[&crate::model::ResourceInstance],
    share: crate::network::BroadShare,
) -> String {
    let Ok(report) = crate::network::exposure_report(&input.model, &input.sources, "json", share)
    else {
        return String::new();
    };
    let doc: Json = serde_json::from_str(&report).unwrap_or_default();
    let mut lines = Vec::new();
    for e in doc["exposures"].as_array().into_iter().flatten() {
        let through = instances.iter().any(|r| {
            e["resource"]["root"].as_str() == Some(&r.root)
                && ["security_groups", "network_acl", "subnet"]
                    .iter()
                    .any(|k| mentions(&e[*k], &r.address))
        });
        if through {
            let ports: Vec<&str> = e["ports"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .collect();
            let sources: Vec<&str> = e["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .collect();
            lines.push(format!(
                "- `{}` ({}): {} from {} ({})",
                e["resource"]["address"].as_str().unwrap_or(""),
                e["kind"].as_str().unwrap_or(""),
                ports.join(", "),
                sources.join(", "),
                e["certainty"].as_str().unwrap_or(""),
            ));
        }
    }
    if lines.is_empty() {
        "\n**Internet exposure:** nothing is reachable from the internet through it.\n".to_string()
    } else {
        format!(
            "\n**Internet exposure** through it:\n{}\n",
            lines.join("\n")
        )
    }
}

/// Whether a JSON value (a string, or strings nested in arrays and objects) names
/// `address`.
fn mentions(v: &Json, address: &str) -> bool {
    match v {
        Json::String(s) => s == address,
        Json::Array(a) => a.iter().any(|x| mentions(x, address)),
        Json::Object(o) => o.values().any(|x| mentions(x, address)),
        _ => false,
    }
}

/// The LSP severity of a finding's severity.
fn severity(s: Severity) -> lt::DiagnosticSeverity {
    match s {
        Severity::Critical | Severity::High => lt::DiagnosticSeverity::ERROR,
        Severity::Medium => lt::DiagnosticSeverity::WARNING,
        Severity::Low => lt::DiagnosticSeverity::INFORMATION,
    }
}

fn code_description(check: &Check) -> Option<lt::CodeDescription> {
    let href = std::str::FromStr::from_str(&check.help_uri()).ok()?;
    Some(lt::CodeDescription { href })
}

/// LSP diagnostics by root module directory and file.
type Items = HashMap<String, HashMap<PathBuf, Vec<Item>>>;

/// Every result of a report as LSP diagnostics, by root module directory and file.
fn items(report: &Report) -> Items {
    let mut out = Items::new();
    let mut add = |root: String, path: PathBuf, item: Item| {
        out.entry(root)
            .or_default()
            .entry(path)
            .or_default()
            .push(item);
    };
    for f in &report.findings {
        if let Some((path, item)) = finding_item(report, f) {
            add(f.resource.root.to_string(), path, item);
        }
    }
    for u in &report.unknown {
        let Some((path, range)) = place(report, u.span) else {
            continue;
        };
        let diagnostic = lt::Diagnostic {
            range,
            severity: Some(lt::DiagnosticSeverity::HINT),
            code: Some(lt::NumberOrString::String(u.check.id.clone())),
            code_description: code_description(&u.check),
            source: Some("tfscan".to_string()),
            message: format!("{}: undecided: {}", u.check.title, u.reason),
            ..Default::default()
        };
        let item = Item {
            diagnostic,
            finding: None,
        };
        add(u.resource.root.to_string(), path, item);
    }
    for d in &report.diagnostics {
        let Some((path, range)) = d.span.and_then(|span| place(report, span)) else {
            continue;
        };
        let severity = if d.kind.is_error() {
            lt::DiagnosticSeverity::ERROR
        } else {
            lt::DiagnosticSeverity::INFORMATION
        };
        let item = Item {
            diagnostic: lt::Diagnostic {
                range,
                severity: Some(severity),
                source: Some("tfscan".to_string()),
                message: d.message.clone(),
                ..Default::default()
            },
            finding: None,
        };
        add(diagnostic_root(report, d), path, item);
    }
    out
}

/// The file (as the overlay keys it) and LSP range of `span`.
fn place(report: &Report, span: Span) -> Option<(PathBuf, lt::Range)> {
    let f = report.sources.get(span.file)?;
    let (_, start, end) = report.positions(span)?;
    Some((Overlay::key(&f.path), text::range(start, end)))
}

/// A finding as an LSP diagnostic in its file, with its related locations, and what a
/// code action needs to suppress it.
fn finding_item(report: &Report, f: &Finding) -> Option<(PathBuf, Item)> {
    let (path, range) = place(report, f.span)?;
    let header_path = report
        .sources
        .get(f.resource.header.file)
        .map(|s| Overlay::key(&s.path));
    let related: Vec<lt::DiagnosticRelatedInformation> = f
        .related()
        .filter_map(|r| {
            let (path, range) = place(report, r.span)?;
            Some(lt::DiagnosticRelatedInformation {
                location: lt::Location {
                    uri: path_to_uri(&path)?,
                    range,
                },
                message: r.into_owned().message,
            })
        })
        .collect();
    let diagnostic = lt::Diagnostic {
        range,
        severity: Some(severity(f.severity)),
        code: Some(lt::NumberOrString::String(f.check.id.clone())),
        code_description: code_description(&f.check),
        source: Some("tfscan".to_string()),
        message: format!("{}: {}", f.check.title, f.message),
        related_information: (!related.is_empty()).then_some(related),
        data: Some(json!({ "fingerprint": f.fingerprint.to_string() })),
        ..Default::default()
    };
    let finding = header_path.map(|header_path| FindingRef {
        check: f.check.id.clone(),
        header_path,
        header: f.resource.header.start as usize,
        span: (f.span.file == f.resource.header.file)
            .then_some(f.span.start as usize..f.span.end as usize),
    });
    Some((
        path,
        Item {
            diagnostic,
            finding,
        },
    ))
}

/// The root a diagnostic belongs to: the root holding its file, else every root's scan
/// ("").
fn diagnostic_root(report: &Report, d: &Diagnostic) -> String {
    report
        .sources
        .get(d.span.map(|s| s.file).unwrap_or(crate::source::FileId(0)))
        .map(|f| crate::loader::relative(Path::new(""), Path::new(&f.rel)))
        .and_then(|rel| {
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
            report.root_dirs.contains(&dir).then_some(dir)
        })
        .unwrap_or_default()
}

/// The edit inserting an inline ignore of `check` on the line above the resource header
/// at `header`, indented like it; the reason is left for the user to write, and the
/// ignore expires after [`SUPPRESS_DAYS`].
fn suppression(text: &str, header: usize, check: &str) -> crate::fix::Edit {
    let line_start = text
        .get(..header)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let indent: String = text
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let expires = crate::suppress::Date::today().plus_days(SUPPRESS_DAYS);
    crate::fix::Edit {
        range: line_start..line_start,
        text: format!(
            "{indent}# tfscan:ignore:{check} exp:{expires} REASON: why this is accepted\n"
        ),
    }
}

fn workspace_edit(uri: &lt::Uri, text: &str, edits: &[crate::fix::Edit]) -> lt::WorkspaceEdit {
    let edits = edits
        .iter()
        .map(|e| lt::TextEdit {
            range: lt::Range {
                start: text::position(text, e.range.start),
                end: text::position(text, e.range.end),
            },
            new_text: e.text.clone(),
        })
        .collect();
    lt::WorkspaceEdit {
        changes: Some(std::iter::once((uri.clone(), edits)).collect()),
        ..Default::default()
    }
}

fn action(
    title: String,
    uri: &lt::Uri,
    text: &str,
    edits: &[crate::fix::Edit],
    item: &Item,
    preferred: bool,
) -> lt::CodeActionOrCommand {
    lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
        title,
        kind: Some(lt::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![item.diagnostic.clone()]),
        edit: Some(workspace_edit(uri, text, edits)),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

/// Rescans a tree with `overlay` standing in for its files, timing it: for the bench.
/// Returns the time of a scan of `roots` (every root when `None`) and how many
/// findings it produced.
pub fn timed_rescan(
    opts: &Options,
    catalog: &Catalog,
    overlay: Overlay,
    roots: Option<Vec<String>>,
) -> Result<(Duration, usize), String> {
    let mut opts = opts.clone();
    opts.overlay = Some(Arc::new(overlay));
    opts.only_roots = roots;
    opts.skip_rule_subjects = true;
    let started = Instant::now();
    let report = crate::scan_with(catalog.clone(), &opts).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    let n = items(&report)
        .values()
        .flat_map(|f| f.values())
        .map(Vec::len)
        .sum();
    Ok((elapsed, n))
}
