// What a rendered chart gives its containers, as JSON on stdout: the migration Job's and the Deployment's
// command, their plain environment (the Deployment's ConfigMap entries and inline values, the Job's inline
// values) and their secret references, which the caller supplies. Reads `helm template` output on stdin.
//   helm template grid charts/grid | NODE_PATH=<chart tools>/node_modules node chart-env.mjs
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH ?? ".", "noop.js"));
const yaml = require("js-yaml");
const docs = yaml.loadAll(readFileSync(0, "utf8")).filter(Boolean);
const one = kind => {
  const found = docs.filter(d => d.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
};

const secrets = env => (env ?? []).filter(e => e.valueFrom?.secretKeyRef).map(e => ({
  env: e.name, name: e.valueFrom.secretKeyRef.name, key: e.valueFrom.secretKeyRef.key, optional: !!e.valueFrom.secretKeyRef.optional,
}));
const plain = env => Object.fromEntries((env ?? []).filter(e => e.value !== undefined).map(e => [e.name, String(e.value)]));

// A service with nothing to migrate (the gateway) renders no Job.
const jobs = docs.filter(d => d.kind === "Job");
if (jobs.length > 1) throw new Error(`expected at most one Job, found ${jobs.length}`);
const job = jobs[0]?.spec.template.spec.containers[0];
const deployment = one("Deployment");
const pod = deployment.spec.template.spec.containers[0];
const configMaps = Object.fromEntries(docs.filter(d => d.kind === "ConfigMap").map(d => [d.metadata.name, d.data ?? {}]));
const fromConfigMaps = Object.assign({}, ...(pod.envFrom ?? []).filter(f => f.configMapRef).map(f => {
  const data = configMaps[f.configMapRef.name];
  if (!data) throw new Error(`the Deployment reads ConfigMap ${f.configMapRef.name}, which the chart does not render`);
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [(f.prefix ?? "") + k, String(v)]));
}));

process.stdout.write(JSON.stringify({
  job: job ? { command: [...job.command, ...(job.args ?? [])], env: plain(job.env), secrets: secrets(job.env) } : null,
  // env wins over envFrom, as in Kubernetes.
  pod: { command: [...pod.command, ...(pod.args ?? [])], env: { ...fromConfigMaps, ...plain(pod.env) }, secrets: secrets(pod.env) },
}));
