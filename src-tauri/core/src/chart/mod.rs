//! Charts drawn with plotters into SVG text, for the window and the PDF alike.
//!
//! Two choices make one SVG serve both places and every reader:
//! - Text, axes and grid are drawn in `currentColor`, so the chart takes the
//!   colour of the text around it: dark on a light theme, light on a dark one.
//!   (typst's SVG reader resolves `currentColor` to black on paper.)
//! - Series use the Okabe–Ito palette, which stays distinguishable for the
//!   common kinds of colour blindness, and line series also differ by marker,
//!   so no reading depends on colour alone.

use chrono::NaiveDate;
use plotters::coord::ranged1d::{SegmentValue, SegmentedCoord};
use plotters::prelude::*;
use serde::Serialize;
use ts_rs::TS;

/// A chart ready to show: its title, the SVG, and a sentence saying what it
/// shows for people who cannot see it (screen readers, the PDF's text layer).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Chart {
    /// Stable name for tests and the UI ("reach_over_time").
    pub id: String,
    pub title: String,
    pub svg: String,
    pub summary: String,
}

/// Okabe & Ito (2008), without black and the yellow that vanishes on white.
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(213, 94, 0),
    RGBColor(86, 180, 233),
];

/// Drawn as `currentColor` (see the module comment): no real chart uses it.
const INK: RGBColor = RGBColor(1, 2, 3);
const INK_HEX: &str = "#010203";
const FONT: &str = "Inter, Helvetica, Arial, sans-serif";
pub const WIDTH: u32 = 720;

#[derive(Debug, thiserror::Error)]
#[error("the chart '{title}' could not be drawn: {detail}")]
pub struct ChartError {
    title: String,
    detail: String,
}

fn failed<E: std::fmt::Debug>(title: &str) -> impl Fn(E) -> ChartError + '_ {
    move |e| ChartError {
        title: title.to_string(),
        detail: format!("{e:?}"),
    }
}

/// The chart as shown: its sentinel ink turned into `currentColor`.
fn finished(id: &str, title: &str, svg: String, summary: String) -> Chart {
    Chart {
        id: id.into(),
        title: title.into(),
        svg: svg.replace(INK_HEX, "currentColor"),
        summary,
    }
}

/// One line of a chart over time.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub points: Vec<(NaiveDate, f64)>,
}

/// How to write a value on an axis or beside a bar.
pub type Format<'a> = &'a dyn Fn(f64) -> String;

/// Lines over days, e.g. reach and views as the posts collect them.
pub fn over_time(
    id: &str,
    title: &str,
    y_label: &str,
    series: &[Series],
    format: Format,
    summary: String,
) -> Result<Chart, ChartError> {
    let first = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).min();
    let last = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).max();
    let (Some(first), Some(last)) = (first, last) else {
        return empty(id, title, "Nothing recorded yet.", summary);
    };
    let days = (last - first).num_days().max(1) as f64;
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.08;
    let day = |d: NaiveDate| (d - first).num_days() as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 320)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 20).into_font().color(&INK))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(0.0..days, 0.0..top)
            .map_err(failed(title))?;
        let label_day = |x: &f64| {
            (first + chrono::Days::new(x.round().max(0.0) as u64))
                .format("%-d %b")
                .to_string()
        };
        let label_value = |y: &f64| format(*y);
        chart
            .configure_mesh()
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&label_day)
            .y_label_formatter(&label_value)
            .x_desc("Date")
            .y_desc(y_label)
            .label_style((FONT, 15).into_font().color(&INK))
            .axis_desc_style((FONT, 15).into_font().color(&INK))
            .axis_style(INK)
            .bold_line_style(INK.mix(0.15))
            .light_line_style(INK.mix(0.0))
            .draw()
            .map_err(failed(title))?;
        for (i, line) in series.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let points: Vec<(f64, f64)> = line.points.iter().map(|&(d, v)| (day(d), v)).collect();
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
                .map_err(failed(title))?
                .label(line.name.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2)));
            // A different marker per series: readable without colour.
            match i % 3 {
                0 => chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, colour.filled()))),
                1 => chart.draw_series(points.iter().map(|&p| TriangleMarker::new(p, 4, colour.filled()))),
                _ => chart.draw_series(points.iter().map(|&p| Cross::new(p, 3, colour.stroke_width(2)))),
            }
            .map_err(failed(title))?;
        }
        if series.len() > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .label_font((FONT, 15).into_font().color(&INK))
                .border_style(INK.mix(0.3))
                .background_style(WHITE.mix(0.0))
                .draw()
                .map_err(failed(title))?;
        }
        root.present().map_err(failed(title))?;
    }
    Ok(finished(id, title, svg, summary))
}

/// One bar: its label, its value, and the text written at its end.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// How the value axis reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// For funnels, where each step is a small part of the one before.
    Log,
}

/// Horizontal bars, one per label, top to bottom in the given order. An
/// optional `marker` draws a dashed reference line (100 % of a target).
#[allow(clippy::too_many_arguments)]
pub fn bars(
    id: &str,
    title: &str,
    x_label: &str,
    items: &[Bar],
    format: Format,
    scale: Scale,
    marker: Option<f64>,
    summary: String,
) -> Result<Chart, ChartError> {
    if items.is_empty() {
        return empty(id, title, "Nothing to compare yet.", summary);
    }
    let label_room = items
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(6, 28) as u32
        * 8;
    let height = 90 + 34 * items.len() as u32;
    let low = items.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let high = items.iter().map(|b| b.value).chain(marker).fold(0.0_f64, f64::max);
    // Room on the right for the longest value written after its bar: its
    // width (about 8 px a character at 15 px) as a share of the plot.
    let plot_px = f64::from(WIDTH - label_room - 40);
    let text_px = items.iter().map(|b| b.shown.chars().count() + 1).max().unwrap_or(0) as f64 * 8.0;
    let room = (text_px / plot_px).min(0.6);
    let span = (high - low).max(f64::EPSILON);
    let low = if low < 0.0 { low - span * 0.05 } else { 0.0 };
    let high = match scale {
        Scale::Linear => low + (high - low).max(f64::EPSILON) / (1.0 - room),
        // On a log axis the room is a share of the decades shown.
        Scale::Log => 10_f64.powf(high.max(10.0).log10() / (1.0 - room)),
    };
    let n = items.len() as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let mut builder = ChartBuilder::on(&root);
        builder
            .caption(title, (FONT, 20).into_font().color(&INK))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(label_room);
        // Segment 0 is at the bottom; the first item goes at the top.
        let name_of = |v: &SegmentValue<u32>| match v {
            SegmentValue::CenterOf(i) if *i < n => items[(n - 1 - *i) as usize].label.clone(),
            _ => String::new(),
        };
        let value_text = |x: &f64| format(*x);
        let text = (FONT, 15).into_font().color(&INK);
        match scale {
            Scale::Linear => {
                let mut chart = builder
                    .build_cartesian_2d(low..high, (0..n).into_segmented())
                    .map_err(failed(title))?;
                chart
                    .configure_mesh()
                    .disable_y_mesh()
                    .y_labels(items.len())
                    .y_label_formatter(&name_of)
                    .x_labels(6)
                    .x_label_formatter(&value_text)
                    .x_desc(x_label)
                    .label_style(text.clone())
                    .axis_desc_style(text.clone())
                    .axis_style(INK)
                    .bold_line_style(INK.mix(0.15))
                    .light_line_style(INK.mix(0.0))
                    .draw()
                    .map_err(failed(title))?;
                draw_bars(&mut chart, items, |v| v, 0.0, marker, &text).map_err(failed(title))?;
                if let Some(at) = marker {
                    let line = PathElement::new(
                        vec![(at, SegmentValue::Exact(0)), (at, SegmentValue::Exact(n))],
                        INK.mix(0.8).stroke_width(2),
                    );
                    chart.draw_series(std::iter::once(line)).map_err(failed(title))?;
                }
            }
            Scale::Log => {
                let floor = items
                    .iter()
                    .map(|b| b.value)
                    .filter(|v| *v > 0.0)
                    .fold(f64::MAX, f64::min)
                    .min(1.0);
                let mut chart = builder
                    .build_cartesian_2d((floor..high).log_scale(), (0..n).into_segmented())
                    .map_err(failed(title))?;
                chart
                    .configure_mesh()
                    .disable_y_mesh()
                    .y_labels(items.len())
                    .y_label_formatter(&name_of)
                    .x_labels(6)
                    .x_label_formatter(&value_text)
                    .x_desc(format!("{x_label} (log scale)"))
                    .label_style(text.clone())
                    .axis_desc_style(text.clone())
                    .axis_style(INK)
                    .bold_line_style(INK.mix(0.15))
                    .light_line_style(INK.mix(0.0))
                    .draw()
                    .map_err(failed(title))?;
                draw_bars(&mut chart, items, |v| v.max(floor), floor, None, &text).map_err(failed(title))?;
            }
        }
        root.present().map_err(failed(title))?;
    }
    Ok(finished(id, title, svg, summary))
}

type BarChart<'a, X> =
    ChartContext<'a, SVGBackend<'a>, Cartesian2d<X, SegmentedCoord<plotters::coord::types::RangedCoordu32>>>;

fn draw_bars<'a, X>(
    chart: &mut BarChart<'a, X>,
    items: &[Bar],
    clamp: impl Fn(f64) -> f64,
    base: f64,
    marker: Option<f64>,
    text: &TextStyle,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>>
where
    X: Ranged<ValueType = f64>,
{
    let n = items.len() as u32;
    for (i, bar) in items.iter().enumerate() {
        let slot = n - 1 - i as u32;
        // One colour for every bar: position and length carry the meaning.
        // Below zero is told apart by direction, and also by colour.
        let colour = if bar.value < 0.0 { PALETTE[4] } else { PALETTE[0] };
        let mut rect = Rectangle::new(
            [
                (base, SegmentValue::Exact(slot)),
                (clamp(bar.value), SegmentValue::Exact(slot + 1)),
            ],
            colour.filled(),
        );
        rect.set_margin(6, 6, 0, 0);
        chart.draw_series(std::iter::once(rect))?;
        // The value is written past the bar, and past the reference line.
        let end = clamp(bar.value).max(base).max(marker.unwrap_or(base));
        chart.draw_series(std::iter::once(Text::new(
            format!(" {}", bar.shown),
            (end, SegmentValue::CenterOf(slot)),
            text.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        )))?;
    }
    Ok(())
}

/// A chart with nothing to draw says so instead of drawing empty axes.
fn empty(id: &str, title: &str, why: &str, summary: String) -> Result<Chart, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 120)).into_drawing_area();
        let (top, rest) = root.split_vertically(44);
        top.titled(title, (FONT, 20).into_font().color(&INK))
            .map_err(failed(title))?;
        rest.draw_text(why, &(FONT, 14).into_font().color(&INK.mix(0.7)), (16, 20))
            .map_err(failed(title))?;
        root.present().map_err(failed(title))?;
    }
    Ok(finished(id, title, svg, summary))
}

#[cfg(test)]
mod tests;
