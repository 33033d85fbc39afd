//! `tfscan lsp` driven over stdio as an editor drives it: initialize, open a document,
//! edit it in memory, ask for code actions and apply them, execute the fix command,
//! hover, shut down. Checks the diagnostics exactly (codes, severities, ranges, related
//! locations), that only the edited root is rescanned, and what each fix does.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(120);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    log: Vec<Value>,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tfscan"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tfscan lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                reader.read_exact(&mut body).expect("body");
                let msg: Value = serde_json::from_slice(&body).expect("JSON message");
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages: rx,
            next_id: 0,
            log: Vec::new(),
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(TIMEOUT)
            .expect("a message from the server")
    }

    /// Sends a request and returns its result; notifications meanwhile go to `log`.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.next();
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                assert!(msg.get("error").is_none(), "{method} failed: {msg}");
                return msg["result"].clone();
            }
            self.log.push(msg);
        }
    }

    /// The next diagnostics published for `uri` (those already logged first).
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.log.iter().position(|m| is_publish(m, uri)) {
            let m = self.log.remove(i);
            return m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        loop {
            let msg = self.next();
            if is_publish(&msg, uri) {
                return msg["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            self.log.push(msg);
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave the server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const NOT_ENCRYPTED: &str = "aws-ebs-volume-not-encrypted";
const NOT_CUSTOMER_KEY: &str = "aws-ebs-volume-not-customer-key";

/// A diagnostic's code, start line and severity.
type Code<'a> = (&'a str, u64, u64);

/// Each diagnostic's code, start line and severity.
fn codes(diags: &[Value]) -> Vec<Code<'_>> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["severity"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn is_publish(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn range(l1: u64, c1: u64, l2: u64, c2: u64) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// Applies LSP text edits (non-overlapping) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().expect("line") as usize;
        let ch = p["character"].as_u64().expect("character") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        // The test texts are ASCII: UTF-16 units are bytes.
        start + ch
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

const MAIN: &str = r#"variable "encrypt" {
  default = false
}

resource "aws_ebs_volume" "via_var" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypt
}

resource "aws_ebs_volume" "plain" {
  availability_zone = "eu-west-1a"
  size              = 10 # the size
}
"#;

#[test]
fn an_editor_session_sees_findings_edits_in_memory_and_applies_fixes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().canonicalize().expect("canonical");
    std::fs::create_dir_all(root.join("a")).expect("a");
    std::fs::create_dir_all(root.join("b")).expect("b");
    let a = root.join("a/main.tf");
    let b = root.join("b/main.tf");
    std::fs::write(&a, MAIN).expect("write a");
    std::fs::write(
        &b,
        "resource \"aws_ebs_volume\" \"b\" {\n  availability_zone = \"eu-west-1a\"\n  size = 1\n}\n",
    )
    .expect("write b");
    let (a_uri, b_uri) = (uri(&a), uri(&b));

    let mut c = Client::start(&root);
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {},
               "workspaceFolders": [{"uri": uri(&root), "name": "w"}]}),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], json!(true));
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"],
        json!(["tfscan.fixFile"])
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": a_uri, "languageId": "terraform", "version": 1, "text": MAIN}}),
    );

    // Both findings, exactly: the value from a variable carries where it was written.
    let diags = c.diagnostics(&a_uri);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    let via_var = &diags[0];
    assert_eq!(via_var["code"], "aws-ebs-volume-not-encrypted");
    assert_eq!(via_var["severity"], 1, "high is an error");
    assert_eq!(via_var["source"], "tfscan");
    assert_eq!(via_var["range"], range(7, 22, 7, 33));
    assert!(
        via_var["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("http")),
        "{via_var}"
    );
    assert_eq!(
        via_var["relatedInformation"],
        json!([{"location": {"uri": a_uri, "range": range(1, 12, 1, 17)},
                "message": "false is the default of var.encrypt"}])
    );
    let plain = &diags[1];
    assert_eq!(plain["code"], "aws-ebs-volume-not-encrypted");
    assert_eq!(plain["range"], range(10, 0, 10, 33));
    assert!(plain.get("relatedInformation").is_none());
    // The other root's file was published too, though it is not open.
    assert_eq!(c.diagnostics(&b_uri).len(), 1);

    // An edit in memory (the disk keeps the old text) rescans only its root.
    let edited = MAIN.replace("default = false", "default = true");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a_uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    // Encrypted with AWS's key now: a low finding (information) of another check.
    let diags = c.diagnostics(&a_uri);
    assert_eq!(
        codes(&diags),
        [(NOT_CUSTOMER_KEY, 4, 3), (NOT_ENCRYPTED, 10, 1)],
        "{diags:#?}"
    );
    assert_eq!(diags[1]["range"], range(10, 0, 10, 33));
    assert_eq!(std::fs::read_to_string(&a).expect("read"), MAIN);
    let rescans: Vec<String> = c
        .log
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .filter_map(|m| m["params"]["message"].as_str().map(String::from))
        .filter(|m| m.starts_with("tfscan: rescanned"))
        .collect();
    assert_eq!(rescans.len(), 2, "{rescans:?}");
    assert!(rescans[0].starts_with("tfscan: rescanned every root in"));
    assert!(
        rescans[1].starts_with("tfscan: rescanned a in"),
        "{rescans:?}"
    );

    // The code actions on the remaining finding: its fix, then a suppression.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a_uri}, "range": range(10, 5, 10, 5),
               "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 2, "{actions:#?}");
    assert_eq!(
        actions[0]["title"],
        "Encrypt the volume (aws-ebs-volume-not-encrypted)"
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    let fix_edits = actions[0]["edit"]["changes"][&a_uri]
        .as_array()
        .expect("edits")
        .clone();
    let fixed = apply(&edited, &fix_edits);
    assert_eq!(
        fixed,
        edited.replace(
            "  size              = 10 # the size\n}",
            "  size              = 10 # the size\n  encrypted = true\n}"
        )
    );
    assert_eq!(
        actions[1]["title"],
        "Suppress aws-ebs-volume-not-encrypted on this resource"
    );
    let suppress_edits = actions[1]["edit"]["changes"][&a_uri]
        .as_array()
        .expect("edits")
        .clone();
    let suppressed = apply(&edited, &suppress_edits);
    let comment = suppressed
        .lines()
        .nth(10)
        .expect("the inserted line")
        .to_string();
    assert!(
        comment.starts_with("# tfscan:ignore:aws-ebs-volume-not-encrypted exp:20")
            && comment.ends_with(" REASON: why this is accepted"),
        "{comment}"
    );

    // Applying the fix removes the finding.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a_uri, "version": 3}, "contentChanges": [{"text": fixed}]}),
    );
    assert_eq!(
        codes(&c.diagnostics(&a_uri)),
        [(NOT_CUSTOMER_KEY, 4, 3), (NOT_CUSTOMER_KEY, 10, 3)]
    );

    // So does the suppression (each step from the unfixed text).
    let unfixed = [(NOT_CUSTOMER_KEY, 4, 3), (NOT_ENCRYPTED, 10, 1)];
    let steps: [(i32, &String, &[Code]); 3] = [
        (4, &edited, &unfixed),
        (5, &suppressed, &[(NOT_CUSTOMER_KEY, 4, 3)]),
        (6, &edited, &unfixed),
    ];
    for (version, text, expected) in steps {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": a_uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
        assert_eq!(codes(&c.diagnostics(&a_uri)), expected, "version {version}");
    }

    // The fix command: the server asks the editor to apply the edit.
    c.next_id += 1;
    let id = c.next_id;
    c.send(
        json!({"jsonrpc": "2.0", "id": id, "method": "workspace/executeCommand",
                  "params": {"command": "tfscan.fixFile", "arguments": [a_uri]}}),
    );
    let mut apply_request = None;
    let mut result = None;
    while apply_request.is_none() || result.is_none() {
        let msg = c.next();
        if msg["method"] == "workspace/applyEdit" {
            c.send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": {"applied": true}}));
            apply_request = Some(msg);
        } else if msg["id"] == json!(id) {
            result = Some(msg["result"].clone());
        } else {
            c.log.push(msg);
        }
    }
    assert_eq!(result, Some(json!({"applied": 1})));
    let edits = apply_request.expect("applyEdit")["params"]["edit"]["changes"][&a_uri]
        .as_array()
        .expect("edits")
        .clone();
    assert_eq!(apply(&edited, &edits), fixed);

    // Hover on a resource: its evaluated values.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": a_uri}, "position": {"line": 11, "character": 3}}),
    );
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(text.starts_with("**aws_ebs_volume.plain**"), "{text}");
    assert!(text.contains("\"size\": 10"), "{text}");
    assert!(
        text.contains("\"availability_zone\": \"eu-west-1a\""),
        "{text}"
    );

    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().expect("exit");
    assert!(status.success());
    drop(c);
}

#[test]
fn hover_on_a_security_group_or_subnet_shows_the_exposure_through_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().canonicalize().expect("canonical");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("terraform-samples/aws-vpc-resource-internet-reachable/fail/elastic_ip.tf");
    let text = std::fs::read_to_string(sample).expect("sample");
    let file = root.join("main.tf");
    std::fs::write(&file, &text).expect("write");
    let file_uri = uri(&file);
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.starts_with(needle))
            .expect("the block") as u64
    };
    let mut c = Client::start(&root);
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file_uri, "languageId": "terraform", "version": 1, "text": text}}),
    );
    c.diagnostics(&file_uri);
    let exposure = "**Internet exposure** through it:\n- `aws_instance.b` (EC2 instance): tcp/8000 from 0.0.0.0/0 (definite)\n";
    for block in [
        "resource \"aws_security_group\" \"b_app\"",
        "resource \"aws_subnet\" \"b\"",
    ] {
        let hover = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": file_uri},
                   "position": {"line": line_of(block) + 1, "character": 2}}),
        );
        let md = hover["contents"]["value"].as_str().expect("markdown");
        assert!(md.ends_with(exposure), "{block}: {md}");
    }
    // Not a network resource: values only.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file_uri},
               "position": {"line": line_of("resource \"aws_instance\" \"b\""), "character": 0}}),
    );
    let md = hover["contents"]["value"].as_str().expect("markdown");
    assert!(md.starts_with("**aws_instance.b**"), "{md}");
    assert!(!md.contains("Internet exposure"), "{md}");
    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
}
