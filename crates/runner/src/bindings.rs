//! Typed bindings to the guest's world, generated from `sandbox/wit/runner.wit`: the WIT file is the
//! compiled contract between the host and the harness, so a renamed export or a changed signature is a
//! build error, not a failure at run time.
#![allow(missing_docs)]

wasmtime::component::bindgen!({ path: "../../sandbox/wit", world: "runner" });
