//! Expected answers from the problem's trusted `reference.py`, run in a sandbox store of its own, never
//! the candidate's. Expected values never enter the candidate's store.

use crate::options::GradeError;
use catalog::{Case, CaseInput, Entry, Problem};
use runner::{Call, Job, Outcome, Sandbox, Value};

/// Characters of an input shown when the reference fails on it.
const SHOWN: usize = 80;

/// The arguments of a function problem's case.
pub(crate) fn args_of(case: &Case) -> &[Value] {
    match &case.input {
        CaseInput::Args(args) => args,
        _ => &[],
    }
}

/// The reference's answer on one input, and the fuel its call took: the measure of work that a call
/// which does not finish is described against ("still running after 2,000× the reference's work").
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Answer {
    pub value: Value,
    pub fuel: u64,
}

/// The answers for the problem's examples, then its hidden tests, in order.
pub(crate) fn for_cases(sandbox: &Sandbox, problem: &Problem) -> Result<Vec<Answer>, GradeError> {
    let inputs = problem.examples.iter().chain(&problem.tests).map(|case| args_of(case).to_vec()).collect();
    answer_with_fuel(sandbox, problem, inputs)
}

/// Runs the reference on each argument list in one fresh store; every call must return.
pub(crate) fn answer(sandbox: &Sandbox, problem: &Problem, inputs: Vec<Vec<Value>>) -> Result<Vec<Value>, GradeError> {
    Ok(answer_with_fuel(sandbox, problem, inputs)?.into_iter().map(|a| a.value).collect())
}

/// As `answer`, with each call's fuel.
pub(crate) fn answer_with_fuel(
    sandbox: &Sandbox,
    problem: &Problem,
    inputs: Vec<Vec<Value>>,
) -> Result<Vec<Answer>, GradeError> {
    let Entry::Function { function } = &problem.entry else {
        return Ok(vec![Answer { value: Value::None, fuel: 0 }; inputs.len()]);
    };
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let calls: Vec<Call> = inputs.into_iter().map(|args| Call::function(function, args)).collect();
    let job = Job { fuel_per_step: Some(problem.fuel_per_test), trusted: true, ..Job::new(&problem.reference, calls) };
    let report = sandbox.run(&job)?;
    let failed = |outcome: String, input: String| GradeError::Reference { problem: problem.id.clone(), input, outcome };
    if !report.loaded() {
        return Err(failed(crate::words::outcome(&report.load.outcome), "loading the module".into()));
    }
    report
        .calls
        .into_iter()
        .zip(&job.calls)
        .map(|(step, call)| match step.outcome {
            Outcome::Returned { value } => Ok(Answer { value, fuel: step.fuel }),
            other => Err(failed(crate::words::outcome(&other), Value::Tuple(call.args().to_vec()).preview(SHOWN))),
        })
        .collect()
}
