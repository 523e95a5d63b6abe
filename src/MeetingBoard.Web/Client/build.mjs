// Builds the browser assets into wwwroot/ (git-ignored). Run by ClientAssets.targets on every
// `dotnet build`, or by hand: `node Client/build.mjs` from src/MeetingBoard.Web.
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as sass from "sass";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = join(web, "node_modules");
const wwwroot = join(web, "wwwroot");

async function buildScript() {
  const result = await esbuild.build({
    entryPoints: [join(web, "Client", "main.ts")],
    outfile: join(wwwroot, "js", "app.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    // es2018: the phones people bring to meetings are not always new.
    target: "es2018",
    minify: true,
    sourcemap: false,
    // GOV.UK marks its component docs @preserve; keep the licences, not 3 kB of docs.
    legalComments: "none",
    banner: { js: "/*! MeetingBoard client. Includes govuk-frontend (MIT), @microsoft/signalr (MIT), idiomorph (0BSD). */" },
    logLevel: "warning",
  });
  if (result.warnings.length > 0) process.exitCode = 1;
}

function buildStyles() {
  const outfile = join(wwwroot, "css", "app.css");
  const result = sass.compile(join(web, "Client", "styles", "app.scss"), {
    style: "compressed",
    loadPaths: [nodeModules],
    // GOV.UK Frontend 5 is written with @import and global functions; those deprecations are
    // theirs to fix, not ours.
    quietDeps: true,
    logger: {
      warn(message, options) {
        // Dependency warnings are already silenced by quietDeps; anything left is ours.
        const where = options.span ? ` (${options.span.url?.pathname ?? ""}:${options.span.start.line + 1})` : "";
        console.warn(`sass warning: ${message}${where}`);
      },
    },
  });
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, result.css);
}

// GOV.UK's CSS refers to /assets/images at the site root. Fonts are not copied: we do not ship
// GDS Transport (it is for GOV.UK itself).
function copyImages() {
  const from = join(nodeModules, "govuk-frontend", "dist", "govuk", "assets", "images");
  const to = join(wwwroot, "assets", "images");
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (statSync(join(from, name)).isFile()) copyFileSync(join(from, name), join(to, name));
  }
}

try {
  await buildScript();
  buildStyles();
  copyImages();
} catch (error) {
  // esbuild has already printed its errors; sass has not.
  if (!error?.errors) console.error(error?.message ?? error);
  process.exitCode = 1;
}
