//! Lists named in a finding's message, shared by the checks that build one.

/// Names a handful of items: a list of more than five says how many it leaves out
/// (`a, b, c, d, 3 more`), so a rule that opens dozens of services or a policy that
/// grants dozens of actions keeps its message readable.
pub fn capped(mut names: Vec<String>) -> Vec<String> {
    const SHOWN: usize = 4;
    if names.len() > SHOWN + 1 {
        let more = names.len() - SHOWN;
        names.truncate(SHOWN);
        names.push(format!("{more} more"));
    }
    names
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("s{i}")).collect()
    }

    #[test]
    fn five_names_are_all_shown_and_six_leave_two_out() {
        assert_eq!(join_and(&capped(names(5))), "s1, s2, s3, s4 and s5");
        assert_eq!(join_and(&capped(names(6))), "s1, s2, s3, s4 and 2 more");
        assert_eq!(join_and(&capped(names(1))), "s1");
        assert_eq!(join_and(&capped(names(0))), "");
    }
}
