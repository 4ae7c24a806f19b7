//! The agenda as an iCalendar file (RFC 5545) that Outlook, Google Calendar
//! and Apple Calendar import: one all-day event per entry, with the entry's
//! stable UID, so importing a newer export updates events rather than
//! duplicating them. Written with the `icalendar` crate; the tests read it
//! back with an independent parser.

use chrono::{DateTime, Days, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use super::CalendarEntry;

/// The file's text. `name` is the calendar's name in the person's calendar
/// app ("Partnerly: Spring launch"); `stamp` is when it was written.
pub fn to_ics(entries: &[CalendarEntry], name: &str, stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Partnerly//Partnerly calendar//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(name);
    for entry in entries {
        let mut event = icalendar::Event::new();
        event
            .uid(&entry.uid)
            .timestamp(stamp)
            .summary(&entry.title)
            .description(&entry.detail)
            // An all-day event ends the next day: DTEND is not inclusive.
            .starts(entry.on)
            .ends(entry.on + Days::new(1))
            .categories([entry.kind.label()])
            .append_property(Property::new("TRANSP", "TRANSPARENT"));
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
