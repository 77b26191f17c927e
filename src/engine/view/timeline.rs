//! The timeline's data model: tasks placed in lanes (one per worker thread
//! or process) and rows (tasks that overlap on one worker — waiting tasks on
//! an event loop — get rows of their own), with the queries a view needs to
//! draw 100,000 tasks smoothly: the bars in a time range, with everything
//! narrower than a pixel merged, and the task under the pointer.
//!
//! No egui here: the view borrows the model and paints.

use crate::engine::measure::recorder::LaneInfo;
use crate::engine::measure::spans::{TaskSpan, TaskState};

/// A lane: one worker and the rows its tasks needed.
#[derive(Debug, Clone)]
pub struct TimelineLane {
    /// The worker.
    pub info: LaneInfo,
    /// Rows of non-overlapping finished tasks.
    pub rows: Vec<TimelineRow>,
    /// Rows below them that only running tasks need.
    pub open_rows: usize,
}

/// A task still running, drawn from its start up to now.
#[derive(Debug, Clone)]
struct OpenTask {
    lane: usize,
    row: usize,
    start_us: u64,
    end_us: u64,
    pieces: Vec<Piece>,
}

/// A task's drawable pieces: its state segments, and a failure mark.
fn pieces_of(span: &TaskSpan) -> impl Iterator<Item = Piece> + '_ {
    span.segments
        .iter()
        .enumerate()
        .map(|(i, segment)| Piece {
            start_us: segment.start_us,
            end_us: segment.end_us,
            kind: BarKind::State(segment.state),
            first: i == 0,
        })
        .chain((!span.ok).then_some(Piece {
            start_us: span.end_us,
            end_us: span.end_us,
            kind: BarKind::Failed,
            first: false,
        }))
}

/// Tasks that never overlap in time, sorted by start.
#[derive(Debug, Clone, Default)]
pub struct TimelineRow {
    /// Indices into [`TimelineModel::spans`], sorted by start.
    tasks: Vec<u32>,
    /// Longest task in the row, to bound searches by start time.
    longest_us: u64,
    /// Every state segment (and failure mark) of the row's tasks, flat and
    /// sorted by start: drawing walks contiguous memory instead of chasing
    /// each task's own segment list.
    pieces: Vec<Piece>,
    /// Longest piece, to bound searches by start time.
    longest_piece_us: u64,
}

/// One drawable piece of a task, as the row stores it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    start_us: u64,
    end_us: u64,
    kind: BarKind,
    /// The task's first piece: where a gap may separate it from the task before.
    first: bool,
}

impl TimelineRow {
    /// Number of tasks in the row.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether the row is empty.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }
}

/// What a drawn bar stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BarKind {
    /// A state of one task, or the dominant state of merged sub-pixel pieces.
    State(TaskState),
    /// A task that failed (drawn over its states).
    Failed,
}

/// A bar to draw, in µs from the run's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// Start, µs.
    pub start_us: u64,
    /// End, µs.
    pub end_us: u64,
    /// What it stands for.
    pub kind: BarKind,
    /// How many task segments it merges (1 for an exact one).
    pub merged: u32,
}

/// One run's tasks, laid out for drawing.
#[derive(Debug, Clone, Default)]
pub struct TimelineModel {
    spans: Vec<TaskSpan>,
    lanes: Vec<TimelineLane>,
    end_us: u64,
    open: Vec<OpenTask>,
}

impl TimelineModel {
    /// A model of `spans` on `lanes`.
    pub fn new(spans: Vec<TaskSpan>, lanes: &[LaneInfo]) -> Self {
        let mut model = TimelineModel::default();
        let mut spans = spans;
        spans.sort_by_key(|s| s.start_us);
        model.extend(spans, lanes);
        model
    }

    /// Adds spans (in any order) as a live run produces them.
    pub fn extend(&mut self, spans: Vec<TaskSpan>, lanes: &[LaneInfo]) {
        for span in spans {
            let lane = self.lane_index(span.worker, lanes);
            self.end_us = self.end_us.max(span.end_us);
            let index = self.spans.len() as u32;
            let (start, end) = (span.start_us, span.end_us);
            let duration = span.duration_us();
            self.spans.push(span);
            let spans = &self.spans;
            let rows = &mut self.lanes[lane].rows;
            let fits = |row: &TimelineRow| -> Option<usize> {
                let at = row
                    .tasks
                    .partition_point(|&i| spans[i as usize].start_us < start);
                let before_ok = at == 0 || spans[row.tasks[at - 1] as usize].end_us <= start;
                let after_ok =
                    at == row.tasks.len() || spans[row.tasks[at] as usize].start_us >= end;
                (before_ok && after_ok).then_some(at)
            };
            let placed = rows
                .iter()
                .enumerate()
                .find_map(|(r, row)| fits(row).map(|at| (r, at)));
            let (row, at) = match placed {
                Some(found) => found,
                None => {
                    rows.push(TimelineRow::default());
                    (rows.len() - 1, 0)
                }
            };
            let row = &mut rows[row];
            row.tasks.insert(at, index);
            row.longest_us = row.longest_us.max(duration);
            let span = &spans[index as usize];
            let pieces = pieces_of(span);
            // The task does not overlap its neighbours, so its pieces go in
            // one place, in order.
            let at = row.pieces.partition_point(|p| p.start_us < start);
            let before = row.pieces.len();
            row.pieces.extend(pieces);
            let added = row.pieces.len() - before;
            row.pieces[at..].rotate_right(added);
            for piece in &row.pieces[at..at + added] {
                row.longest_piece_us = row.longest_piece_us.max(piece.end_us - piece.start_us);
            }
        }
    }

    /// Replaces the tasks still running (drawn up to now, as they grow).
    /// Each goes in the first row of its lane where it fits, or a row of
    /// its own below the finished ones.
    pub fn set_open(&mut self, open: Vec<TaskSpan>, lanes: &[LaneInfo]) {
        self.open.clear();
        for lane in &mut self.lanes {
            lane.open_rows = 0;
        }
        for span in open {
            let lane = self.lane_index(span.worker, lanes);
            let (start, end) = (span.start_us, span.end_us);
            let taken = |row: usize, open: &[OpenTask]| {
                open.iter()
                    .any(|o| o.lane == lane && o.row == row && o.start_us < end && start < o.end_us)
            };
            let rows = &self.lanes[lane].rows;
            let spans = &self.spans;
            let free_real = (0..rows.len()).find(|&r| {
                let row = &rows[r];
                let at = row
                    .tasks
                    .partition_point(|&i| spans[i as usize].start_us < end);
                let clear = at == 0 || spans[row.tasks[at - 1] as usize].end_us <= start;
                clear && !taken(r, &self.open)
            });
            let row = free_real.unwrap_or_else(|| {
                let mut row = rows.len();
                while taken(row, &self.open) {
                    row += 1;
                }
                row
            });
            let extra = (row + 1).saturating_sub(rows.len());
            let lane_ref = &mut self.lanes[lane];
            lane_ref.open_rows = lane_ref.open_rows.max(extra);
            self.end_us = self.end_us.max(end);
            self.open.push(OpenTask {
                lane,
                row,
                start_us: start,
                end_us: end,
                pieces: pieces_of(&span).collect(),
            });
        }
    }

    /// Rows of a lane, finished tasks' and those only running tasks need.
    pub fn lane_rows(&self, lane: usize) -> usize {
        self.lanes
            .get(lane)
            .map_or(0, |l| l.rows.len() + l.open_rows)
    }

    fn lane_index(&mut self, worker: u32, lanes: &[LaneInfo]) -> usize {
        if let Some(found) = self.lanes.iter().position(|l| l.info.id == worker) {
            return found;
        }
        let info = lanes
            .iter()
            .find(|l| l.id == worker)
            .cloned()
            .unwrap_or_else(|| LaneInfo {
                id: worker,
                kind: crate::engine::measure::recorder::LaneKind::Thread,
                os_id: 0,
                name: format!("worker {worker}"),
            });
        let at = self.lanes.partition_point(|l| l.info.id < worker);
        self.lanes.insert(
            at,
            TimelineLane {
                info,
                rows: Vec::new(),
                open_rows: 0,
            },
        );
        for open in &mut self.open {
            if open.lane >= at {
                open.lane += 1;
            }
        }
        at
    }

    /// The finished tasks of one row of a lane, in start order: no two
    /// overlap. The trace export walks these, so that a trace viewer's
    /// tracks are the window's rows, placed by this one piece of logic.
    pub fn row_tasks(&self, lane: usize, row: usize) -> impl Iterator<Item = &TaskSpan> {
        self.lanes
            .get(lane)
            .and_then(|l| l.rows.get(row))
            .into_iter()
            .flat_map(|row| row.tasks.iter().map(|&i| &self.spans[i as usize]))
    }

    /// Lanes that ran at least one task, by lane id.
    pub fn lanes(&self) -> &[TimelineLane] {
        &self.lanes
    }

    /// Every task.
    pub fn spans(&self) -> &[TaskSpan] {
        &self.spans
    }

    /// End of the last task, µs.
    pub fn end_us(&self) -> u64 {
        self.end_us
    }

    /// Rows over all lanes (running tasks' included).
    pub fn total_rows(&self) -> usize {
        (0..self.lanes.len()).map(|l| self.lane_rows(l)).sum()
    }

    /// Tasks still running.
    pub fn open_tasks(&self) -> usize {
        self.open.len()
    }

    /// Tasks of a row that may be visible in `[t0, t1]`, in start order.
    fn visible(&self, row: &TimelineRow, t0: u64, t1: u64) -> impl Iterator<Item = &TaskSpan> {
        let from = t0.saturating_sub(row.longest_us);
        let first = row
            .tasks
            .partition_point(|&i| self.spans[i as usize].start_us < from);
        row.tasks[first..]
            .iter()
            .map(|&i| &self.spans[i as usize])
            .take_while(move |s| s.start_us <= t1)
            .filter(move |s| s.end_us >= t0)
    }

    /// The bars of one row within `[t0, t1]` µs, appended to `out`. Pieces
    /// narrower than `min_us` (a pixel) are merged with their neighbours into
    /// one bar of their dominant state, so the number of bars is bounded by
    /// the number of pixels, however many tasks there are.
    ///
    /// Where one task follows another on the same row and a pixel fits
    /// between them, a pixel's gap is left, so back-to-back tasks can be
    /// counted. Running tasks assigned to the row are drawn after.
    pub fn bars(&self, lane: usize, row: usize, t0: u64, t1: u64, min_us: u64, out: &mut Vec<Bar>) {
        let min_us = min_us.max(1);
        if let Some(stored) = self.lanes.get(lane).and_then(|l| l.rows.get(row)) {
            let from = t0.saturating_sub(stored.longest_piece_us);
            let first = stored.pieces.partition_point(|p| p.start_us < from);
            let pieces = stored.pieces[first..]
                .iter()
                .take_while(|p| p.start_us <= t1);
            merge_pieces(pieces, t0, min_us, out);
        }
        for open in self.open.iter().filter(|o| o.lane == lane && o.row == row) {
            if open.end_us >= t0 && open.start_us <= t1 {
                merge_pieces(open.pieces.iter(), t0, min_us, out);
            }
        }
    }

    /// The task drawn at `t_us` in a row, if any (within `slack_us`).
    pub fn task_at(&self, lane: usize, row: usize, t_us: u64, slack_us: u64) -> Option<&TaskSpan> {
        let row = self.lanes.get(lane)?.rows.get(row)?;
        self.visible(row, t_us.saturating_sub(slack_us), t_us + slack_us)
            .min_by_key(|s| {
                if (s.start_us..=s.end_us).contains(&t_us) {
                    0
                } else {
                    s.start_us.abs_diff(t_us).min(s.end_us.abs_diff(t_us))
                }
            })
    }
}

/// Turns pieces (sorted by start) into bars: one merging for the window and
/// every exported chart.
fn merge_pieces<'p>(
    pieces: impl Iterator<Item = &'p Piece>,
    t0: u64,
    min_us: u64,
    out: &mut Vec<Bar>,
) {
    let mut merger = Merger::new(min_us, out);
    for piece in pieces {
        if piece.end_us < t0 {
            continue;
        }
        match piece.kind {
            BarKind::State(state) => {
                if piece.first {
                    merger.task_starts(piece.start_us, piece.end_us);
                }
                merger.add(piece.start_us, piece.end_us, state);
            }
            BarKind::Failed => {
                merger.flush();
                merger.out.push(Bar {
                    start_us: piece.end_us.saturating_sub(min_us),
                    end_us: piece.end_us,
                    kind: BarKind::Failed,
                    merged: 1,
                });
            }
        }
    }
    merger.flush();
}

/// Accumulates pieces into bars, merging runs of sub-pixel pieces.
struct Merger<'a> {
    min_us: u64,
    out: &'a mut Vec<Bar>,
    current: Option<(u64, u64, [u64; 3], u32)>,
}

fn state_index(state: TaskState) -> usize {
    match state {
        TaskState::Running => 0,
        TaskState::GilWait => 1,
        TaskState::IoWait => 2,
    }
}

const STATES: [TaskState; 3] = [TaskState::Running, TaskState::GilWait, TaskState::IoWait];

impl<'a> Merger<'a> {
    fn new(min_us: u64, out: &'a mut Vec<Bar>) -> Self {
        Merger {
            min_us,
            out,
            current: None,
        }
    }

    fn add(&mut self, start: u64, end: u64, state: TaskState) {
        let width = end.saturating_sub(start);
        if let Some((cur_start, cur_end, weights, count)) = &mut self.current {
            let narrow = width < self.min_us || *cur_end - *cur_start < self.min_us;
            let close = start <= *cur_end + self.min_us;
            if close && narrow {
                *cur_end = (*cur_end).max(end);
                weights[state_index(state)] += width;
                *count += 1;
                return;
            }
        }
        self.flush();
        let mut weights = [0u64; 3];
        weights[state_index(state)] = width;
        self.current = Some((start, end, weights, 1));
    }

    /// A new task starts at `start`: if the bar before ends against it and
    /// both are wide enough to spare a pixel, the bar before ends a pixel
    /// early, so that the two tasks read as two.
    fn task_starts(&mut self, start: u64, end: u64) {
        let Some((cur_start, cur_end, _, _)) = &mut self.current else {
            return;
        };
        let touching = *cur_end + self.min_us > start;
        let room = *cur_end - *cur_start >= 3 * self.min_us && end - start >= 2 * self.min_us;
        if touching && room {
            *cur_end = start.saturating_sub(self.min_us).max(*cur_start + 1);
            self.flush();
        }
    }

    fn flush(&mut self) {
        if let Some((start, end, weights, merged)) = self.current.take() {
            let dominant = (0..3).max_by_key(|&i| weights[i]).unwrap_or(0);
            self.out.push(Bar {
                start_us: start,
                end_us: end.max(start + 1),
                kind: BarKind::State(STATES[dominant]),
                merged,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::measure::recorder::LaneKind;
    use crate::engine::measure::spans::Segment;

    fn lane(id: u32) -> LaneInfo {
        LaneInfo {
            id,
            kind: LaneKind::Thread,
            os_id: 100 + u64::from(id),
            name: format!("lab-worker-{id}"),
        }
    }

    fn span(task: u32, worker: u32, start: u64, end: u64, state: TaskState) -> TaskSpan {
        TaskSpan {
            task,
            worker,
            os_id: 100 + u64::from(worker),
            cpu_start: Some(0),
            cpu_end: Some(0),
            start_us: start,
            end_us: end,
            busy_us: end - start,
            gil_wait_us: 0,
            io_wait_us: 0,
            ok: true,
            segments: vec![Segment {
                state,
                start_us: start,
                end_us: end,
            }],
        }
    }

    #[test]
    fn overlapping_tasks_on_one_worker_get_rows_of_their_own() {
        let spans = vec![
            span(0, 0, 0, 100, TaskState::IoWait),
            span(1, 0, 10, 110, TaskState::IoWait),
            span(2, 0, 100, 150, TaskState::Running),
            span(3, 1, 0, 50, TaskState::Running),
        ];
        let model = TimelineModel::new(spans, &[lane(0), lane(1)]);
        assert_eq!(model.lanes().len(), 2);
        assert_eq!(model.lanes()[0].rows.len(), 2, "tasks 0 and 1 overlap");
        assert_eq!(
            model.lanes()[0].rows[0].len(),
            2,
            "task 2 fits after task 0"
        );
        assert_eq!(model.lanes()[1].rows.len(), 1);
        assert_eq!(model.total_rows(), 3);
        assert_eq!(model.end_us(), 150);
    }

    #[test]
    fn spans_added_live_in_any_order_never_overlap_in_a_row() {
        let mut model = TimelineModel::default();
        let mut seed = 7u64;
        for task in 0..500u32 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let start = (seed >> 40) % 10_000;
            let length = 1 + (seed >> 20) % 300;
            model.extend(
                vec![span(
                    task,
                    task % 3,
                    start,
                    start + length,
                    TaskState::Running,
                )],
                &[],
            );
        }
        assert_eq!(model.spans().len(), 500);
        for lane in model.lanes() {
            for row in &lane.rows {
                let mut last_end = 0;
                for &i in &row.tasks {
                    let s = &model.spans()[i as usize];
                    assert!(s.start_us >= last_end, "overlap in a row");
                    last_end = s.end_us;
                }
                assert!(
                    row.pieces.windows(2).all(|w| w[0].end_us <= w[1].start_us),
                    "pieces in order"
                );
                assert_eq!(row.pieces.len(), row.tasks.len());
            }
        }
    }

    #[test]
    fn sub_pixel_tasks_are_merged_and_wide_ones_are_exact() {
        // 1000 tasks of 10 µs back to back, then one of 5000 µs waiting.
        let mut spans: Vec<TaskSpan> = (0..1000)
            .map(|i| {
                span(
                    i,
                    0,
                    u64::from(i) * 10,
                    u64::from(i) * 10 + 10,
                    TaskState::Running,
                )
            })
            .collect();
        spans.push(span(1000, 0, 10_000, 15_000, TaskState::IoWait));
        let model = TimelineModel::new(spans, &[lane(0)]);
        let mut bars = Vec::new();
        // 100 µs per pixel: the small tasks fall to one merged bar.
        model.bars(0, 0, 0, 15_000, 100, &mut bars);
        assert_eq!(bars.len(), 2, "{bars:?}");
        assert_eq!(bars[0].kind, BarKind::State(TaskState::Running));
        assert_eq!(bars[0].merged, 1000);
        assert_eq!((bars[1].start_us, bars[1].end_us), (10_000, 15_000));
        assert_eq!(bars[1].kind, BarKind::State(TaskState::IoWait));
        // At 1 µs per pixel, a window shows the tasks one by one.
        bars.clear();
        model.bars(0, 0, 0, 100, 1, &mut bars);
        assert!(
            bars.len() >= 10 && bars.iter().all(|b| b.merged == 1),
            "{bars:?}"
        );
    }

    #[test]
    fn the_task_under_the_pointer_is_found() {
        let spans = vec![
            span(0, 0, 0, 100, TaskState::Running),
            span(1, 0, 200, 300, TaskState::Running),
        ];
        let model = TimelineModel::new(spans, &[lane(0)]);
        assert_eq!(model.task_at(0, 0, 250, 0).map(|s| s.task), Some(1));
        assert_eq!(model.task_at(0, 0, 150, 0).map(|s| s.task), None);
        assert_eq!(model.task_at(0, 0, 105, 10).map(|s| s.task), Some(0));
    }

    #[test]
    fn a_long_task_starting_before_the_window_is_still_drawn() {
        let spans = vec![
            span(0, 0, 0, 10_000, TaskState::Running),
            span(1, 0, 10_000, 10_010, TaskState::Running),
        ];
        let model = TimelineModel::new(spans, &[lane(0)]);
        let mut bars = Vec::new();
        model.bars(0, 0, 5_000, 6_000, 1, &mut bars);
        assert_eq!(bars.len(), 1);
        assert_eq!(bars[0].start_us, 0);
    }
}
