// Bundles the pages into OUT (the server's build output folder, or dist/ when run by hand).
import { build } from "esbuild";

const out = process.env.OUT ?? "dist";
await build({
  entryPoints: [
    "src/candidate.js",
    "src/interviewer.js",
    "src/start.js",
    "src/insights.js",
    "src/common.css",
    "src/candidate.css",
    "src/interviewer.css",
    "src/start.css",
    "src/insights.css",
  ],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outdir: out,
  logLevel: "warning",
});
