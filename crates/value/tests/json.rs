//! Tagged JSON both ways: every variant reads back as itself, so a stored report's values keep their
//! exact Python types.

use value::Value;

fn round_trip(value: Value) {
    let json = value.to_json();
    assert_eq!(Value::from_json(&json), value, "{json}");
}

#[test]
fn every_variant_reads_back_as_itself() {
    round_trip(Value::None);
    round_trip(Value::Bool(true));
    round_trip(Value::Int(-7));
    round_trip(Value::BigInt("123456789012345678901234567890".into()));
    round_trip(Value::HugeInt { bits: 70_000 });
    round_trip(Value::Float(0.5));
    round_trip(Value::Float(f64::NEG_INFINITY));
    round_trip(Value::Str("naïve".into()));
    round_trip(Value::List(vec![Value::Int(1), Value::Tuple(vec![Value::Str("a".into())])]));
    round_trip(Value::Set(vec![Value::Int(2)]));
    round_trip(Value::Dict(vec![(Value::Str("k".into()), Value::List(vec![]))]));
    round_trip(Value::Object { type_name: "Node".into(), bases: vec!["object".into()] });
    round_trip(Value::UnpairedStr("\\ud800".into()));
    round_trip(Value::TooDeep);
    round_trip(Value::TooLarge);
}

#[test]
fn a_tuple_is_not_a_list_and_a_bool_is_not_an_int() {
    assert_ne!(Value::from_json(&serde_json::json!({ "$tuple": [1] })), Value::List(vec![Value::Int(1)]));
    assert_ne!(Value::from_json(&serde_json::json!(true)), Value::Int(1));
}
