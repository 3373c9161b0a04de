// Offline schema check of docker/k8s: every document of every manifest is validated against the
// JSON schema of its apiVersion/kind from kubernetes-models (generated from the Kubernetes OpenAPI
// spec), so a misspelt field, a wrong type or a missing required field fails without a cluster.
// The Kustomization itself is checked by `kubectl kustomize` in .ci/run (also offline).
//   cd docker/k8s/validate && npm ci && node validate.mjs [../*.yaml]
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..");
const files = process.argv.length > 2 ? process.argv.slice(2)
  : readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").map((f) => join(dir, f));

let documents = 0;
let failures = 0;
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.error(`${basename(file)}: YAML: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    documents++;
    const { apiVersion, kind } = obj;
    const name = `${basename(file)}: ${kind}/${obj.metadata?.name}`;
    const path = apiVersion.includes("/") ? apiVersion : `v1`;
    let Model;
    try {
      Model = (await import(`kubernetes-models/${path}/${kind}`))[kind];
    } catch (e) {
      console.error(`${name}: unknown apiVersion/kind ${apiVersion} ${kind}`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      console.log(`ok   ${name}`);
    } catch (e) {
      console.error(`FAIL ${name}: ${e.message.split("\n").slice(0, 4).join(" | ")}`);
      failures++;
    }
  }
}
console.log(`${documents - failures} passed, ${failures} failed`);
process.exit(failures === 0 && documents > 0 ? 0 : 1);
