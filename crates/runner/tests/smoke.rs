use runner::*;
#[test]
fn smoke() {
    let t = std::time::Instant::now();
    let sb = Sandbox::new(&SandboxConfig::from_env()).unwrap();
    eprintln!("prepare {:?}", t.elapsed());
    let src = "def f(xs):\n    seen=set(); out=[]\n    for x in xs:\n        if x not in seen:\n            seen.add(x); out.append(x)\n    return out\nclass C:\n    def __init__(self, k): self.k=k\n    def get(self, x): return (self.k, x)\n";
    let job = Job { trace_memory: true, ..Job::new(src, vec![
        Call::function("f", vec![Value::from(vec![3i64,1,3])]),
        Call::function("g", vec![]),
        Call::New { class: "C".into(), args: vec![Value::from(5i64)], slot: 0 },
        Call::Method { slot: 0, name: "get".into(), args: vec![Value::from("x")] },
        Call::function("f", vec![Value::Int(1)]),
    ])};
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let r = sb.run(&job).unwrap();
        eprintln!("run {:?}", t.elapsed());
        eprintln!("{:#?}", r);
    }
}
