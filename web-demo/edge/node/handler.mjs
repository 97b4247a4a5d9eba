// The same edge function as a Node.js module (Node 20+: global fetch, Request, Response,
// AbortController and timers; nothing else is needed). The wasm is compiled and
// instantiated once per process (a Lambda-style "execution environment"), so the Rust
// side's cached Client, and its token, serve every later invocation.
//
//   import { handle } from "./handler.mjs";
//   const response = await handle(new Request("http://edge/servers"), process.env);
//
// `handler(event)` adapts an API-Gateway-style event ({ rawPath, requestContext }) to the
// same function and answers { statusCode, headers, body }.
import { readFileSync } from "node:fs";
import { initSync, handle as wasmHandle } from "./pkg/ferrocloud_edge_demo.js";

initSync({ module: readFileSync(new URL("./pkg/ferrocloud_edge_demo_bg.wasm", import.meta.url)) });

export function handle(request, env = process.env) {
  return wasmHandle(request, env);
}

export async function handler(event) {
  const method = event?.requestContext?.http?.method ?? event?.httpMethod ?? "GET";
  const path = event?.rawPath ?? event?.path ?? "/servers";
  const response = await wasmHandle(new Request(new URL(path, "http://edge"), { method }), process.env);
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}
