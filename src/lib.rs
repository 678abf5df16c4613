//! lede: the orchestrator library (config, batch loop, daemon loop, recovery).
