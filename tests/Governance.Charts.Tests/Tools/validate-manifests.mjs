// Validates rendered Kubernetes objects against the API's schemas, offline: the validators that the npm
// package kubernetes-models 5.1.0 compiles from the Kubernetes OpenAPI document (one module per kind; the
// 1.34 API, a superset of 1.32's). Types, formats, enums and required fields are checked; unknown fields are not.
// Usage: node validate-manifests.mjs <node_modules dir> <file.yaml>...
// Prints one JSON document: {"objects": [{file, apiVersion, kind, name, object, errors: [...]}]}.
// An object whose kind has no schema is an error, never a pass.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [modules, ...files] = process.argv.slice(2);
const load = (specifier) => import(pathToFileURL(path.join(modules, specifier)).href);
const yaml = (await load("js-yaml/dist/js-yaml.mjs")).default;

const objects = [];
for (const file of files) {
  const documents = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d !== null && d !== undefined);
  for (const object of documents) {
    const entry = { file, apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name, object, errors: [] };
    objects.push(entry);
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
      entry.errors.push("apiVersion and kind are required");
      continue;
    }
    let model;
    try {
      model = (await load(`kubernetes-models/${object.apiVersion}/${object.kind}.js`))[object.kind];
    } catch {
      entry.errors.push(`no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (e) {
      const details = Array.isArray(e.details) ? e.details : [];
      if (details.length === 0) entry.errors.push(String(e.message ?? e));
      for (const d of details) entry.errors.push(`${d.instancePath || "/"} ${d.message ?? d.keyword} ${JSON.stringify(d.params ?? {})}`);
    }
  }
}
process.stdout.write(JSON.stringify({ objects }));
