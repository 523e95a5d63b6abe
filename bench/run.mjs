// node run.mjs <scenario> [--name=value …]   (see README.md)
// Builds the app, starts it as its own process on 127.0.0.1 with a fresh data directory and the
// benchmark hub enabled, runs one scenario from scenarios/, prints its tables, writes the raw
// numbers to results/, and stops the app.
import { mkdirSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execSync } from "node:child_process";
import os from "node:os";
import { build, startServer } from "./lib/server.mjs";

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(join(import.meta.dirname, "scenarios")).filter((f) => f.endsWith(".mjs")).map((f) => f.slice(0, -4));
if (!name || !available.includes(name)) {
  console.error(`Usage: node run.mjs <${available.join("|")}> [--name=value …]`);
  process.exit(2);
}
const scenario = await import(`./scenarios/${name}.mjs`);
const options = { ...scenario.defaults };
for (const arg of rest) {
  const m = /^--([\w-]+)=(.*)$/.exec(arg);
  if (!m || !(m[1] in options)) {
    console.error(`Unknown option ${arg}. Options of ${name}: ${Object.entries(scenario.defaults).map(([k, v]) => `--${k}=${v}`).join(" ")}`);
    process.exit(2);
  }
  options[m[1]] = typeof scenario.defaults[m[1]] === "number" ? Number(m[2]) : m[2];
}

// Bounded in time whatever happens.
const deadline = setTimeout(() => {
  console.error(`Stopped: the run passed its limit of ${options.maxMinutes ?? 20} minutes.`);
  process.exit(3);
}, (options.maxMinutes ?? 20) * 60_000);
deadline.unref();

function gitDescribe() {
  try {
    return execSync("git describe --always --dirty", { cwd: import.meta.dirname }).toString().trim();
  } catch {
    return "unknown";
  }
}

const machine = {
  at: new Date().toISOString(),
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  dotnet: execSync("dotnet --version").toString().trim(),
  openFiles: execSync("sh -c 'ulimit -n'").toString().trim(),
  app: process.env.BENCH_APP_ROOT ?? "this checkout",
  commit: process.env.BENCH_APP_COMMIT ?? gitDescribe(),
};
console.log(`Scenario ${name}: ${scenario.describe}`);
console.log(`Options: ${JSON.stringify(options)}`);
console.log(`Machine: ${JSON.stringify(machine)}`);

// A scenario may start its own server (D starts the three-node cluster, which builds the app itself).
if (!process.env.BENCH_NO_BUILD && !scenario.startServer) build();
const server = await (scenario.startServer ?? startServer)();
console.log(`App pid ${server.pid} at ${server.base}`);
let result;
try {
  result = await scenario.run({ server, options, log: (s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`) });
} finally {
  await server.stop();
}
mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
const file = join(import.meta.dirname, "results", `${name}-${machine.at.replaceAll(":", "-")}.json`);
writeFileSync(file, JSON.stringify({ scenario: name, options, machine, ...result }, null, 1));
console.log(`Raw numbers: ${file}`);
process.exit(0);
