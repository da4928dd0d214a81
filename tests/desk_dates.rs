//! Publication dates on any input: parsing never panics, an instant
//! printed as ISO 8601 reads back as itself, and every sort key orders
//! undated articles after dated ones.

use proptest::prelude::*;
use proptest::test_runner::Config;
use rroom::corpus::dates::{Edge, iso8601, long, newest_first, parse, parse_bound, short};

fn config() -> Config {
    // No failure files: a failing case is printed, and this file holds no fixtures.
    Config { failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parsing_any_text_never_panics(s in "\\PC{0,60}") {
        let _ = parse(&s);
        let _ = parse_bound(&s, Edge::Since, 1_741_343_400);
        let _ = parse_bound(&s, Edge::Until, i64::MAX);
        let _ = parse_bound(&s, Edge::Until, i64::MIN);
    }

    #[test]
    fn date_like_text_never_panics(
        words in proptest::collection::vec(
            prop_oneof![
                Just("March".to_string()), Just("7,".to_string()), Just("2025".to_string()),
                Just("Fri".to_string()), Just("10:30".to_string()), Just("pm".to_string()),
                Just("GMT".to_string()), Just("+0530".to_string()), Just("-".to_string()),
                (0u32..100_000).prop_map(|n| n.to_string()),
                "[0-9]{1,4}[/.:-][0-9]{1,4}[/.:-][0-9]{1,5}",
            ],
            0..8,
        )
    ) {
        let _ = parse(&words.join(" "));
    }

    #[test]
    fn an_instant_reads_back_from_its_iso_form(at in -30_000_000_000i64..200_000_000_000i64) {
        let iso = iso8601(at).unwrap();
        prop_assert_eq!(parse(&iso), Some(at));
        prop_assert!(short(at).is_some() && long(at).is_some());
    }

    #[test]
    fn undated_sorts_after_dated(a in proptest::option::of(any::<i64>()), b in any::<i64>()) {
        prop_assert_eq!(newest_first(Some(b), None), std::cmp::Ordering::Less);
        prop_assert_eq!(newest_first(a, a), std::cmp::Ordering::Equal);
    }
}
