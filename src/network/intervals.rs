//! Intersection, difference and inclusion of two interval sets, found by walking both
//! sorted lists of intervals side by side.
//!
//! range-set-blaze derives `a & b` as `!(!a | !b)`, and `a - b` and `a.is_subset(b)` from
//! `!(!a | b)`: each operation runs two or three complement iterators over a merge of
//! both lists. The network model intersects and subtracts address and port sets
//! thousands of times per root (NACL evaluation, reachability, the checks), and those
//! complements were a quarter of its set algebra. The walks below yield the same
//! ranges—sorted, disjoint and not touching, as every [`RangeSetBlaze`] holds
//! them—without them; the sets are still range-set-blaze's.

use std::iter::FusedIterator;
use std::ops::RangeInclusive;

use range_set_blaze::{Integer, RangeSetBlaze, RangesIter, SortedDisjoint, SortedStarts};

/// Values in both `a` and `b`.
pub(crate) fn intersection<T: Integer>(
    a: &RangeSetBlaze<T>,
    b: &RangeSetBlaze<T>,
) -> RangeSetBlaze<T> {
    if a.is_empty() || b.is_empty() {
        return RangeSetBlaze::new();
    }
    let (mut a, mut b) = (a.ranges(), b.ranges());
    let (x, y) = (a.next(), b.next());
    RangeSetBlaze::from_sorted_disjoint(Intersection { a, b, x, y })
}

/// Values in `a` but not in `b`.
pub(crate) fn difference<T: Integer>(
    a: &RangeSetBlaze<T>,
    b: &RangeSetBlaze<T>,
) -> RangeSetBlaze<T> {
    if a.is_empty() || b.is_empty() {
        return a.clone();
    }
    let (mut a, mut b) = (a.ranges(), b.ranges());
    let (x, y) = (a.next(), b.next());
    RangeSetBlaze::from_sorted_disjoint(Difference { a, b, x, y })
}

/// Whether every value of `a` is in `b`. Each range of `a` must lie inside one range of
/// `b`: `b`'s ranges neither overlap nor touch, so no two of them cover one range
/// together.
pub(crate) fn is_subset<T: Integer>(a: &RangeSetBlaze<T>, b: &RangeSetBlaze<T>) -> bool {
    if a.len() > b.len() {
        return false;
    }
    let mut outer = b.ranges();
    let mut y = outer.next();
    for x in a.ranges() {
        loop {
            let Some(r) = &y else { return false };
            if r.end() < x.start() {
                y = outer.next();
                continue;
            }
            if r.start() > x.start() || r.end() < x.end() {
                return false;
            }
            break;
        }
    }
    true
}

/// The ranges of `a & b`: `x` and `y` are the current ranges of each side; the one that
/// ends first is replaced by its successor.
struct Intersection<'s, T: Integer> {
    a: RangesIter<'s, T>,
    b: RangesIter<'s, T>,
    x: Option<RangeInclusive<T>>,
    y: Option<RangeInclusive<T>>,
}

impl<T: Integer> Iterator for Intersection<'_, T> {
    type Item = RangeInclusive<T>;

    fn next(&mut self) -> Option<RangeInclusive<T>> {
        loop {
            let (x, y) = (self.x.as_ref()?, self.y.as_ref()?);
            let start = *x.start().max(y.start());
            let end = *x.end().min(y.end());
            match x.end().cmp(y.end()) {
                std::cmp::Ordering::Less => self.x = self.a.next(),
                std::cmp::Ordering::Greater => self.y = self.b.next(),
                std::cmp::Ordering::Equal => {
                    self.x = self.a.next();
                    self.y = self.b.next();
                }
            }
            if start <= end {
                return Some(start..=end);
            }
        }
    }
}

/// The ranges of `a - b`: `x` is what is left of the current range of `a` (its part
/// before `y` has been given), `y` the first range of `b` that does not end before it.
struct Difference<'s, T: Integer> {
    a: RangesIter<'s, T>,
    b: RangesIter<'s, T>,
    x: Option<RangeInclusive<T>>,
    y: Option<RangeInclusive<T>>,
}

impl<T: Integer> Iterator for Difference<'_, T> {
    type Item = RangeInclusive<T>;

    fn next(&mut self) -> Option<RangeInclusive<T>> {
        loop {
            let x = self.x.clone()?;
            let Some(y) = self.y.clone() else {
                self.x = self.a.next();
                return Some(x);
            };
            if y.end() < x.start() {
                self.y = self.b.next();
                continue;
            }
            if x.end() < y.start() {
                self.x = self.a.next();
                return Some(x);
            }
            // They overlap. `y` starts after `x` does when `before` is set, so
            // `y.start() - 1` is a value; `y` ends before `x` does when something of `x`
            // is left after it, so `y.end() + 1` is one too.
            let before = (x.start() < y.start()).then(|| *x.start()..=y.start().sub_one());
            if y.end() < x.end() {
                self.x = Some(y.end().add_one()..=*x.end());
                self.y = self.b.next();
            } else {
                self.x = self.a.next();
            }
            if before.is_some() {
                return before;
            }
        }
    }
}

// Both walks stop for good once a side they need is exhausted, and their ranges are
// sorted, disjoint and not touching (each is a maximal run of values in both sets, or in
// the first set and not the second), as `RangeSetBlaze::from_sorted_disjoint` requires.
impl<T: Integer> FusedIterator for Intersection<'_, T> {}
impl<T: Integer> SortedStarts<T> for Intersection<'_, T> {}
impl<T: Integer> SortedDisjoint<T> for Intersection<'_, T> {}
impl<T: Integer> FusedIterator for Difference<'_, T> {}
impl<T: Integer> SortedStarts<T> for Difference<'_, T> {}
impl<T: Integer> SortedDisjoint<T> for Difference<'_, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A set over `u8` from arbitrary (possibly overlapping, touching or empty) ranges.
    fn set(ranges: &[(u8, u8)]) -> RangeSetBlaze<u8> {
        ranges.iter().map(|&(a, b)| a..=b).collect()
    }

    fn arb_set() -> impl Strategy<Value = RangeSetBlaze<u8>> {
        prop_oneof![
            proptest::collection::vec((any::<u8>(), any::<u8>()), 0..6).prop_map(|r| set(&r)),
            // Ranges near the ends of the type, where `+ 1` and `- 1` could overflow.
            proptest::collection::vec((250u8.., 250u8..), 0..3).prop_map(|r| set(&r)),
            proptest::collection::vec((..6u8, ..6u8), 0..3).prop_map(|r| set(&r)),
            Just(RangeSetBlaze::from_iter([0u8..=255])),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The walks give range-set-blaze's own answers, range for range (sets are equal
        /// only when their ranges are: a touching pair would differ).
        #[test]
        fn walks_agree_with_range_set_blaze(a in arb_set(), b in arb_set()) {
            prop_assert_eq!(intersection(&a, &b), &a & &b);
            prop_assert_eq!(difference(&a, &b), &a - &b);
            prop_assert_eq!(is_subset(&a, &b), a.is_subset(&b));
            prop_assert_eq!(intersection(&a, &b).len(), (&a & &b).len());
            prop_assert_eq!(difference(&a, &b).len(), (&a - &b).len());
        }
    }

    #[test]
    fn walks_agree_on_every_pair_of_small_sets() {
        // Every subset of 0..8 against every other, as bitmasks.
        let of = |mask: u16| -> RangeSetBlaze<u8> {
            (0u8..8).filter(|i| mask & (1 << i) != 0).collect()
        };
        for m in 0..256u16 {
            for n in 0..256u16 {
                let (a, b) = (of(m), of(n));
                assert_eq!(intersection(&a, &b), of(m & n));
                assert_eq!(difference(&a, &b), of(m & !n));
                assert_eq!(is_subset(&a, &b), m & !n == 0);
            }
        }
    }
}
