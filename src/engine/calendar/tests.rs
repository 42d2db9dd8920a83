use super::*;

fn t(h: f64) -> SimTime {
    SimTime::from_hours(h)
}

fn close(a: SimTime, b: f64) -> bool {
    (a.hours() - b).abs() < 1e-9
}

#[test]
fn office_calendar_advances_across_shift_end_night_and_weekend() {
    let c = Calendar::office();
    assert_eq!(c.weekly_hours(), 40.0);
    // Monday 16:00 + 2 h of work → 1 h today, 1 h from Tuesday 09:00.
    assert!(close(c.advance(t(16.0), 2.0), 24.0 + 10.0));
    // Friday 16:30 + 1 h → Monday 09:30 of the next week.
    assert!(close(c.advance(t(4.0 * 24.0 + 16.5), 1.0), 168.0 + 9.5));
    // Work ending exactly at the shift end ends there.
    assert!(close(c.advance(t(9.0), 8.0), 17.0));
    // Off shift (Saturday) → starts Monday 09:00.
    assert!(close(c.advance(t(5.0 * 24.0 + 12.0), 0.5), 168.0 + 9.5));
    // Whole weeks: 80 h from Monday 09:00 ends Friday 17:00 of week 1.
    assert!(close(c.advance(t(9.0), 80.0), 168.0 + 4.0 * 24.0 + 17.0));
    assert!(close(c.advance(t(9.0), 0.0), 9.0));
}

#[test]
fn on_shift_is_half_open_and_next_on_shift_finds_the_start() {
    let c = Calendar::office();
    assert!(c.is_on_shift(t(9.0)));
    assert!(c.is_on_shift(t(16.999)));
    assert!(!c.is_on_shift(t(17.0)));
    assert!(!c.is_on_shift(t(8.999)));
    assert!(close(c.next_on_shift(t(17.0)), 33.0));
    assert!(close(c.next_on_shift(t(10.0)), 10.0));
    assert!(close(c.next_on_shift(t(4.0 * 24.0 + 17.0)), 168.0 + 9.0));
    assert_eq!(c.shift_end(t(10.0)), Some(t(17.0)));
}

#[test]
fn shifts_crossing_midnight_belong_to_their_start_day() {
    // 22:00–06:00, Monday to Friday: the Friday shift ends Saturday 06:00.
    let c = Calendar::new(8.0, 22.0, 5).unwrap();
    assert!(c.is_on_shift(t(23.0)));
    assert!(c.is_on_shift(t(24.0 + 5.0)));
    assert!(!c.is_on_shift(t(24.0 + 6.0)));
    assert!(
        !c.is_on_shift(t(3.0)),
        "Monday 03:00 belongs to no shift (Sunday is off)"
    );
    assert!(
        c.is_on_shift(t(5.0 * 24.0 + 5.0)),
        "Saturday 05:00 is in Friday's shift"
    );
    // Monday 05:00 (of Tuesday) + 2 h → 1 h until 06:00, then Tuesday 22:00 + 1 h.
    assert!(close(c.advance(t(24.0 + 5.0), 2.0), 24.0 + 23.0));
    assert_eq!(c.weekly_hours(), 40.0);
}

#[test]
fn seven_night_shifts_wrap_across_the_week_boundary() {
    let c = Calendar::new(8.0, 22.0, 7).unwrap();
    // Sunday's shift runs into Monday 06:00 of the next week (and, periodically, of week 0).
    assert!(c.is_on_shift(t(168.0 + 2.0)));
    assert!(c.is_on_shift(t(2.0)));
    assert!(close(c.advance(t(6.0 * 24.0 + 23.0), 7.0), 168.0 + 6.0));
    assert_eq!(c.weekly_hours(), 56.0);
    let w = c.working_hours_between(t(0.0), t(168.0));
    assert!((w - 56.0).abs() < 1e-9, "{w}");
}

#[test]
fn overlapping_shifts_merge_into_24_7() {
    let c = Calendar::new(24.0, 0.0, 7).unwrap();
    assert!(c.is_always_on());
    assert!(close(c.advance(t(5.5), 100.0), 105.5));
    assert!(close(c.next_on_shift(t(3.0)), 3.0));
    assert_eq!(c.working_hours_between(t(1.0), t(11.0)), 10.0);
    // 24 h shifts on 5 days merge into one block Monday 09:00 – Saturday 09:00.
    let c = Calendar::new(24.0, 9.0, 5).unwrap();
    assert!(!c.is_always_on());
    assert!(c.is_on_shift(t(2.0 * 24.0 + 3.0)));
    assert!(!c.is_on_shift(t(5.0 * 24.0 + 10.0)));
    assert_eq!(c.weekly_hours(), 120.0);
}

#[test]
fn working_hours_between_inverts_advance() {
    for c in [
        Calendar::office(),
        Calendar::new(8.0, 22.0, 5).unwrap(),
        Calendar::new(10.0, 7.5, 6).unwrap(),
    ] {
        for start in [0.0, 9.0, 13.25, 40.0, 100.0, 170.0, 1000.3] {
            for work in [0.1, 1.0, 7.9, 8.0, 33.3, 200.0] {
                let s = c.next_on_shift(t(start));
                let e = c.advance(s, work);
                let back = c.working_hours_between(s, e);
                assert!(
                    (back - work).abs() < 1e-9,
                    "{c:?} start {start} work {work}: {back}"
                );
            }
        }
    }
}

#[test]
fn bad_parameters_name_the_field() {
    assert_eq!(
        Calendar::new(0.0, 9.0, 5).unwrap_err().field,
        "hours_per_day"
    );
    assert_eq!(
        Calendar::new(25.0, 9.0, 5).unwrap_err().field,
        "hours_per_day"
    );
    assert_eq!(Calendar::new(8.0, 24.0, 5).unwrap_err().field, "day_start");
    assert_eq!(Calendar::new(8.0, -1.0, 5).unwrap_err().field, "day_start");
    assert_eq!(
        Calendar::new(8.0, 9.0, 0).unwrap_err().field,
        "days_per_week"
    );
    assert_eq!(
        Calendar::new(8.0, 9.0, 8).unwrap_err().field,
        "days_per_week"
    );
    assert!(Calendar::new(f64::NAN, 9.0, 5).is_err());
}

/// The memo answers exactly what the calendar answers, bit for bit, on every calendar kind,
/// for instants and work lengths that land inside, at the end of and across shifts.
#[test]
fn shift_memo_gives_the_calendars_instants_exactly() {
    let calendars = [
        Calendar::office(),
        Calendar::always(),
        Calendar::new(2.5, 22.0, 6).unwrap(),
        Calendar::new(12.0, 20.0, 7).unwrap(),
        Calendar::new(24.0, 0.0, 5).unwrap(),
    ];
    let mut rng = crate::engine::rng::stream(3, 0, 0, 0);
    for cal in &calendars {
        let mut memo = ShiftMemo::new();
        let mut now = 0.0;
        for i in 0..20_000 {
            let u = crate::engine::rng::uniform(&mut rng);
            // Mostly short steps forward, sometimes a jump back or far ahead.
            now = match i % 97 {
                0 => u * 2000.0,
                1 => now + 300.0 * u,
                _ => now + 0.3 * u,
            };
            let work = match i % 7 {
                0 => 0.0,
                1 => 9.0 * u,
                2 => 100.0 * u,
                _ => 0.2 * u,
            };
            let at = t(now);
            assert_eq!(
                memo.advance(cal, at, work),
                cal.advance(at, work),
                "{cal:?} {now} {work}"
            );
            assert_eq!(
                memo.next_on_shift(cal, at),
                cal.next_on_shift(at),
                "{cal:?} {now}"
            );
            assert_eq!(
                memo.is_on_shift(cal, at),
                cal.is_on_shift(at),
                "{cal:?} {now}"
            );
        }
    }
}
