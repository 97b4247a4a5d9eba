// The Workers entry point: the wasm module is compiled once per isolate (workerd hands it
// over as a WebAssembly.Module), and every request goes to the Rust `handle`, which keeps
// one ferrocloud Client per isolate.
import wasm from "./ferrocloud_edge_demo_bg.wasm";
import { initSync, handle } from "./ferrocloud_edge_demo.js";

initSync({ module: wasm });

export default {
  async fetch(request, env) {
    return handle(request, env);
  },
};
