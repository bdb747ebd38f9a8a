// Parse each .tf file with HashiCorp's HCL parser (WASM, @cdktf/hcl2json) and print one JSON
// line per file: {"file": ..., "ok": true} or {"file": ..., "ok": false, "error": "..."}.
// Usage: NODE_PATH=<dir>/node_modules node hcl_syntax_check.js FILE...
"use strict";
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

async function main() {
  const lines = [];
  for (const file of process.argv.slice(2)) {
    try {
      await parse(file, fs.readFileSync(file, "utf8"));
      lines.push(JSON.stringify({ file, ok: true }));
    } catch (err) {
      lines.push(JSON.stringify({ file, ok: false, error: String(err && err.message || err) }));
    }
  }
  // Exit from the write callback so a piped stdout is never cut short.
  process.stdout.write(lines.join("\n") + "\n", () => process.exit(0));
}
main();
