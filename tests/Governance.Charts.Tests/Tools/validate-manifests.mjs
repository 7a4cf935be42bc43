// Validates rendered Kubernetes objects against the API's schemas, offline: the validators that the npm
// package kubernetes-models 5.1.0 compiles from the Kubernetes OpenAPI document (one module per kind; the
// 1.34 API, a superset of 1.32's): types, formats, enums and required fields. Those validators let unknown
// fields through (so does the API's OpenAPI document), so each object is also walked against the package's
// type declarations (.d.ts: every field of every type), and a field no declaration names is an error: a
// misspelt `readOnlyRootFileSystem` fails here, as `kubectl apply --validate=strict` would refuse it.
// Usage: node validate-manifests.mjs <node_modules dir> <file.yaml>...
// Prints one JSON document: {"objects": [{file, apiVersion, kind, name, object, errors: [...]}]}.
// An object whose kind has no schema is an error, never a pass.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [modules, ...files] = process.argv.slice(2);
const load = (specifier) => import(pathToFileURL(path.join(modules, specifier)).href);
const yaml = (await load("js-yaml/dist/js-yaml.mjs")).default;

// Fields of a declared interface: {field: {type, dir}}, from the first `export interface` of a .d.ts file.
const declarations = new Map();
function fieldsOf(file) {
  if (declarations.has(file)) return declarations.get(file);
  let fields = null;
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
      const target = m[2].startsWith(".")
        ? path.join(path.dirname(file), m[2].replace(/\.js$/, "") + ".d.ts")
        : path.join(modules, m[2].replace(/\.js$/, "") + ".d.ts");
      imports.set(m[1], target);
    }
    const body = text.match(/^export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m);
    if (body) {
      fields = new Map();
      for (const m of body[1].matchAll(/^    "([^"]+)"\??: (.+?);?$/gm)) {
        const element = m[2].match(/^(?:Array<)?(\w+)>?$/)?.[1];
        fields.set(m[1], imports.get(element) ?? null);
      }
    }
  }
  declarations.set(file, fields);
  return fields;
}
function unknownFields(value, file, where, errors) {
  const fields = fieldsOf(file);
  if (fields === null || value === null || typeof value !== "object") return;
  for (const item of Array.isArray(value) ? value.map((v, i) => [v, `${where}/${i}`]) : [[value, where]]) {
    if (item[0] === null || typeof item[0] !== "object" || Array.isArray(item[0])) continue;
    for (const [key, child] of Object.entries(item[0])) {
      if (!fields.has(key)) errors.push(`${item[1]}/${key} is not a field of ${path.basename(file, ".d.ts")}`);
      else if (fields.get(key)) unknownFields(child, fields.get(key), `${item[1]}/${key}`, errors);
    }
  }
}

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
    unknownFields(object, path.join(modules, "kubernetes-models", object.apiVersion, `${object.kind}.d.ts`), "", entry.errors);
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
