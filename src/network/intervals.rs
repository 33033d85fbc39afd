//! Sets of integers as sorted lists of intervals: the address, port and protocol sets of
//! the network model.
//!
//! A set is the list of its maximal runs of consecutive values (sorted, disjoint and not
//! touching), kept in one vector. Union, intersection, difference and inclusion walk two
//! such lists side by side and write the result's runs in order, so no operation sorts
//! or builds a tree. The model's sets hold a few runs each (a CIDR block, a port range,
//! the internet as every address minus a dozen reserved blocks) and are built, copied
//! and dropped thousands of times per root: range-set-blaze, used before, kept each set
//! in a `BTreeMap` built through a sorted vector, and its construction, copies and drops
//! were about 3% of a scan's instructions. Its operators remain the reference the tests
//! compare these walks with.

use std::fmt::Debug;
use std::ops::RangeInclusive;

/// An integer type a set can hold (`u8` protocols, `u16` ports, `u32` IPv4 and `u128`
/// IPv6 addresses).
pub(crate) trait Bound: Copy + Ord + Debug {
    const MIN: Self;
    const MAX: Self;

    /// The next value; only asked of a value below `MAX`.
    fn succ(self) -> Self;

    /// The previous value; only asked of a value above `MIN`.
    fn pred(self) -> Self;

    /// `high - low` as a `u128` (`low <= high`).
    fn distance(low: Self, high: Self) -> u128;
}

macro_rules! bound {
    ($($int:ty),*) => {$(
        impl Bound for $int {
            const MIN: Self = <$int>::MIN;
            const MAX: Self = <$int>::MAX;

            fn succ(self) -> Self {
                self + 1
            }

            fn pred(self) -> Self {
                self - 1
            }

            fn distance(low: Self, high: Self) -> u128 {
                u128::from(high - low)
            }
        }
    )*};
}

bound!(u8, u16, u32, u128);

/// A set of integers: its maximal runs `(first, last)`, ascending, disjoint, and never
/// touching (a run ends at least two values before the next starts), so two sets are
/// equal exactly when their lists are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ranges<T>(Vec<(T, T)>);

impl<T: Bound> Ranges<T> {
    /// The empty set.
    pub(crate) fn new() -> Self {
        Self(Vec::new())
    }

    /// The values `range` holds; empty when it starts after it ends.
    pub(crate) fn from_range(range: RangeInclusive<T>) -> Self {
        let (first, last) = range.into_inner();
        if first > last {
            Self::new()
        } else {
            Self(vec![(first, last)])
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the set holds every value of the type.
    pub(crate) fn is_universal(&self) -> bool {
        self.0 == [(T::MIN, T::MAX)]
    }

    /// Whether `value` is in the set (a binary search of the runs).
    pub(crate) fn contains(&self, value: T) -> bool {
        let i = self.0.partition_point(|&(_, last)| last < value);
        self.0.get(i).is_some_and(|&(first, _)| first <= value)
    }

    /// How many values the set holds; 0 for the set of every `u128` (2^128 values), the
    /// one count that does not fit.
    pub(crate) fn len(&self) -> u128 {
        self.0.iter().fold(0u128, |total, &(first, last)| {
            total.wrapping_add(T::distance(first, last).wrapping_add(1))
        })
    }

    /// The runs `(first, last)`, ascending.
    pub(crate) fn runs(&self) -> &[(T, T)] {
        &self.0
    }

    /// The runs, ascending.
    pub(crate) fn ranges(&self) -> impl ExactSizeIterator<Item = RangeInclusive<T>> + '_ {
        self.0.iter().map(|&(first, last)| first..=last)
    }

    /// Values in `self` or in `other`: the runs of both, by ascending start, each joined
    /// to the run before it when they overlap or touch.
    pub(crate) fn union(&self, other: &Self) -> Self {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        let (a, b) = (&self.0, &other.0);
        let mut out: Vec<(T, T)> = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let next = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x.0 <= y.0 => {
                    i += 1;
                    *x
                }
                (_, Some(y)) => {
                    j += 1;
                    *y
                }
                (Some(x), None) => {
                    i += 1;
                    *x
                }
                (None, None) => break,
            };
            match out.last_mut() {
                // `last.1 < MAX` here, so its successor is a value.
                Some(last) if last.1 == T::MAX || next.0 <= last.1.succ() => {
                    last.1 = last.1.max(next.1);
                }
                _ => out.push(next),
            }
        }
        Self(out)
    }

    /// Values in both `self` and `other`: the overlap of the current run of each side,
    /// then the run that ends first is replaced by its successor.
    pub(crate) fn intersection(&self, other: &Self) -> Self {
        let (a, b) = (&self.0, &other.0);
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
            let first = x.0.max(y.0);
            let last = x.1.min(y.1);
            if first <= last {
                out.push((first, last));
            }
            match x.1.cmp(&y.1) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                }
            }
        }
        Self(out)
    }

    /// Values in `self` but not in `other`: what is left of the current run of `self`
    /// (its part before the current run of `other` is written out) is cut by every run
    /// of `other` that overlaps it.
    pub(crate) fn difference(&self, other: &Self) -> Self {
        if self.is_empty() || other.is_empty() {
            return self.clone();
        }
        let (a, b) = (&self.0, &other.0);
        let mut out = Vec::new();
        let mut j = 0;
        for &(first, last) in a {
            let mut left = Some(first);
            while let (Some(start), Some(&y)) = (left, b.get(j)) {
                if y.1 < start {
                    j += 1;
                    continue;
                }
                if last < y.0 {
                    break;
                }
                // They overlap: `y` starts after `start`, so `y.0 - 1` is a value; what
                // follows `y` is left only when `y` ends before `last`, below `MAX`.
                if start < y.0 {
                    out.push((start, y.0.pred()));
                }
                if y.1 < last {
                    left = Some(y.1.succ());
                    j += 1;
                } else {
                    left = None;
                }
            }
            if let Some(start) = left {
                out.push((start, last));
            }
        }
        Self(out)
    }

    /// Whether every value of `self` is in `other`. Each run of `self` must lie inside
    /// one run of `other`: `other`'s runs neither overlap nor touch, so no two of them
    /// cover one run together.
    pub(crate) fn is_subset(&self, other: &Self) -> bool {
        let mut outer = other.0.iter();
        let mut y = outer.next();
        for &(first, last) in &self.0 {
            loop {
                let Some(&(start, end)) = y else { return false };
                if end < first {
                    y = outer.next();
                    continue;
                }
                if start > first || end < last {
                    return false;
                }
                break;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use range_set_blaze::RangeSetBlaze;

    /// A set from arbitrary (possibly overlapping, touching or empty) ranges, built both
    /// ways: by range-set-blaze and by unions of one-range sets.
    fn both(ranges: &[(u8, u8)]) -> (Ranges<u8>, RangeSetBlaze<u8>) {
        let ours = ranges.iter().fold(Ranges::new(), |acc, &(a, b)| {
            acc.union(&Ranges::from_range(a..=b))
        });
        (ours, ranges.iter().map(|&(a, b)| a..=b).collect())
    }

    fn runs(set: &Ranges<u8>) -> Vec<RangeInclusive<u8>> {
        set.ranges().collect()
    }

    fn reference_runs(set: &RangeSetBlaze<u8>) -> Vec<RangeInclusive<u8>> {
        set.ranges().collect()
    }

    fn arb_ranges() -> impl Strategy<Value = Vec<(u8, u8)>> {
        prop_oneof![
            proptest::collection::vec((any::<u8>(), any::<u8>()), 0..6),
            // Ranges near the ends of the type, where `+ 1` and `- 1` could overflow.
            proptest::collection::vec((250u8.., 250u8..), 0..3),
            proptest::collection::vec((..6u8, ..6u8), 0..3),
            Just(vec![(0u8, 255u8)]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Every operation gives range-set-blaze's own answer, run for run.
        #[test]
        fn walks_agree_with_range_set_blaze(a in arb_ranges(), b in arb_ranges()) {
            let ((a, ra), (b, rb)) = (both(&a), both(&b));
            prop_assert_eq!(runs(&a), reference_runs(&ra));
            prop_assert_eq!(runs(&a.union(&b)), reference_runs(&(&ra | &rb)));
            prop_assert_eq!(runs(&a.intersection(&b)), reference_runs(&(&ra & &rb)));
            prop_assert_eq!(runs(&a.difference(&b)), reference_runs(&(&ra - &rb)));
            prop_assert_eq!(a.is_subset(&b), ra.is_subset(&rb));
            prop_assert_eq!(a.len(), u128::from(ra.len()));
            prop_assert_eq!(a.is_universal(), ra.is_universal());
            for v in [0u8, 1, 5, 6, 127, 249, 250, 254, 255] {
                prop_assert_eq!(a.contains(v), ra.contains(v));
            }
        }
    }

    #[test]
    fn walks_agree_on_every_pair_of_small_sets() {
        // Every subset of 0..8 against every other, as bitmasks.
        let of = |mask: u16| -> Ranges<u8> {
            (0u8..8)
                .filter(|i| mask & (1 << i) != 0)
                .fold(Ranges::new(), |acc, v| {
                    acc.union(&Ranges::from_range(v..=v))
                })
        };
        for m in 0..256u16 {
            let a = of(m);
            assert_eq!(a.len(), u128::from(m.count_ones()));
            for v in 0u8..10 {
                assert_eq!(a.contains(v), v < 8 && m & (1 << v) != 0);
            }
            for n in 0..256u16 {
                let b = of(n);
                assert_eq!(a.union(&b), of(m | n));
                assert_eq!(a.intersection(&b), of(m & n));
                assert_eq!(a.difference(&b), of(m & !n));
                assert_eq!(a.is_subset(&b), m & !n == 0);
            }
        }
    }

    #[test]
    fn counts_every_value_of_the_wider_types() {
        assert_eq!(Ranges::from_range(0u16..=u16::MAX).len(), 65_536);
        assert_eq!(
            Ranges::from_range(0u32..=u32::MAX).len(),
            u128::from(u32::MAX) + 1
        );
        assert_eq!(Ranges::from_range(0u128..=u128::MAX).len(), 0);
        assert_eq!(Ranges::from_range(1u128..=u128::MAX).len(), u128::MAX);
        assert!(Ranges::from_range(0u128..=u128::MAX).is_universal());
        let (from, to) = (3u8, 2u8);
        assert!(Ranges::from_range(from..=to).is_empty());
    }
}
