// Parse every file given with HashiCorp's HCL parser (WASM, @cdktf/hcl2json): the whole
// process is what bench/run.py times.  Usage: NODE_PATH=<dir>/node_modules node this FILE...
"use strict";
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

async function main() {
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    try {
      await parse(file, fs.readFileSync(file, "utf8"));
    } catch (err) {
      bad += 1;
      process.stderr.write(`${file}: ${String((err && err.message) || err)}\n`);
    }
  }
  process.exitCode = bad ? 1 : 0;
}
main();
