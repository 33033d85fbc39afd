// Starts `tfscan lsp` for Terraform files: findings as diagnostics, hovers with the
// evaluated values and internet exposure of a resource, quick fixes and suppressions.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration("tfscan").get<string>("path", "tfscan");
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "terraform" },
      { scheme: "file", pattern: "**/*.tf" },
    ],
  };
  client = new LanguageClient("tfscan", "tfscan", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("tfscan.fixCurrentFile", async () => {
      const editor = vscode.window.activeTextEditor;
      if (client && editor) {
        // The server answers by asking the editor to apply the edit (workspace/applyEdit).
        await client.sendRequest("workspace/executeCommand", {
          command: "tfscan.fixFile",
          arguments: [editor.document.uri.toString()],
        });
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
