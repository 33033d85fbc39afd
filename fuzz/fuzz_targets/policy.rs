//! The IAM policy JSON parser and every analysis the checks run on a policy.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tfscan::iam;

fuzz_target!(|data: &str| {
    let Ok(policy) = iam::parse(data) else {
        return;
    };
    let _ = iam::is_full_admin(&policy);
    let _ = iam::allows_wildcard_action(&policy);
    let _ = iam::allows_on_all(&policy, "s3:GetObject");
    let _ = iam::allows_all_on_all(&policy, &["iam:PassRole", "lambda:CreateFunction"]);
    let _ = iam::privilege_escalations(&policy);
    for s in iam::any_principal_without_limiting_condition(&policy) {
        let _ = iam::describe_actions(s);
        let _ = iam::describe_resources(s);
    }
});
