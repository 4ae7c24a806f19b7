use proptest::prelude::*;

use super::*;

const A: NodeId = NodeId([0xaa; 8]);
const B: NodeId = NodeId([0xbb; 8]);

#[test]
fn stamps_move_on_even_when_the_computer_clock_goes_back() {
    let mut clock = Clock::new(A);
    let first = clock.tick(1_000);
    let second = clock.tick(1_000);
    let after_going_back = clock.tick(400);
    let later = clock.tick(2_000);
    assert_eq!((first.millis, first.counter), (1_000, 0));
    assert_eq!((second.millis, second.counter), (1_000, 1));
    assert_eq!((after_going_back.millis, after_going_back.counter), (1_000, 2));
    assert_eq!((later.millis, later.counter), (2_000, 0));
    assert!(first < second && second < after_going_back && after_going_back < later);
}

#[test]
fn a_change_made_after_seeing_another_copys_is_stamped_after_it() {
    let mut fast = Clock::new(A);
    let mut slow = Clock::new(B);
    // A's computer runs ten minutes ahead of B's.
    let theirs = fast.tick(10 * 60_000 + 5_000);
    slow.observe(theirs, 5_000).unwrap();
    let ours = slow.tick(5_001);
    assert!(ours > theirs, "{ours} after {theirs}");
    assert_eq!(ours.node, B);
    // Seeing an older stamp changes nothing.
    let before = slow.last();
    slow.observe(
        Stamp {
            millis: 1,
            counter: 0,
            node: A,
        },
        5_002,
    )
    .unwrap();
    assert_eq!(slow.last(), before);
}

#[test]
fn a_stamp_far_in_the_future_is_refused_with_a_reason() {
    let mut clock = Clock::new(B);
    let far = Stamp {
        millis: 3 * 60 * 60 * 1000,
        counter: 0,
        node: A,
    };
    let refused = clock.observe(far, 0).unwrap_err();
    assert_eq!(refused, ClockError::TooFarAhead { ahead_minutes: 180 });
    assert!(refused
        .to_string()
        .starts_with("a change from another copy is stamped 180 minutes ahead"));
    assert_eq!(clock.last(), None);
}

#[test]
fn the_counter_never_outgrows_its_text() {
    let mut clock = Clock::resume(
        A,
        Stamp {
            millis: 7,
            counter: MAX_COUNTER,
            node: A,
        },
    );
    let next = clock.tick(7);
    assert_eq!((next.millis, next.counter), (8, 0));
}

#[test]
fn text_and_keys_read_back_and_bad_text_is_named() {
    let stamp = Stamp {
        millis: 1_733_300_000_000,
        counter: 2,
        node: NodeId([0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f, 0x60, 0x71]),
    };
    assert_eq!(stamp.to_string(), "1733300000000-000002-0a1b2c3d4e5f6071");
    assert_eq!(Stamp::parse(&stamp.to_string()), Ok(stamp));
    assert_eq!(Stamp::from_key(&stamp.to_key()), Some(stamp));
    assert_eq!(Stamp::from_key(&[0; 3]), None);
    for bad in [
        "",
        "1733300000000-2-0a1b2c3d4e5f6071",
        "1733300000000-000002-0a1b2c3d4e5f60zz",
        "a-b-c-d",
    ] {
        assert_eq!(Stamp::parse(bad), Err(ClockError::BadStamp(bad.to_string())), "{bad}");
    }
    assert_ne!(NodeId::random(), NodeId::random());
}

fn stamp() -> impl Strategy<Value = Stamp> {
    (0u64..10_000_000_000_000, 0u32..=MAX_COUNTER, any::<[u8; 8]>()).prop_map(|(millis, counter, node)| Stamp {
        millis,
        counter,
        node: NodeId(node),
    })
}

proptest! {
    #[test]
    fn keys_and_text_sort_as_the_stamps_do(a in stamp(), b in stamp()) {
        prop_assert_eq!(a.cmp(&b), a.to_key().cmp(&b.to_key()));
        prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
    }

    #[test]
    fn every_tick_is_after_the_last_and_after_what_was_seen(
        nows in proptest::collection::vec(0u64..1_000_000, 1..50),
        seen in proptest::collection::vec(stamp(), 0..5),
    ) {
        let mut clock = Clock::new(A);
        let mut previous: Option<Stamp> = None;
        for (i, now) in nows.iter().enumerate() {
            if let Some(remote) = seen.get(i) {
                let remote = Stamp { millis: remote.millis % 1_000_000, ..*remote };
                clock.observe(remote, *now).unwrap();
                let next = clock.tick(*now);
                prop_assert!((next.millis, next.counter) > (remote.millis, remote.counter));
                if let Some(previous) = previous {
                    prop_assert!(next > previous);
                }
                previous = Some(next);
            }
            let stamp = clock.tick(*now);
            if let Some(previous) = previous {
                prop_assert!(stamp > previous);
            }
            previous = Some(stamp);
        }
    }
}
