//! One module per problem kind (`catalog::Kind`): each owns how its calls are built and judged, its
//! analysis beyond the hidden tests, and its score and follow-ups. Both use the shared pieces (executing
//! groups of calls, judging, shrinking, probes, scoring, the report) and never the front door.

pub(crate) mod function;
pub(crate) mod rate_limiter;
