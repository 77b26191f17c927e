//! Turns recorded events into one span per task: when it ran, where, and how
//! its time split between computing, waiting for the GIL and waiting on I/O.
//! The timeline draws spans; metrics sum them.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::engine::measure::recorder::{Event, EventKind, LaneInfo, UNKNOWN_CPU};

/// What a task was doing during a segment.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Computing (holding the GIL, if any).
    Running,
    /// Waiting to take the GIL.
    GilWait,
    /// Waiting on a timer, socket or disk.
    IoWait,
}

impl TaskState {
    fn of(kind: EventKind) -> Option<Self> {
        match kind {
            EventKind::Running => Some(TaskState::Running),
            EventKind::GilWait => Some(TaskState::GilWait),
            EventKind::IoWait => Some(TaskState::IoWait),
            _ => None,
        }
    }
}

/// A stretch of one state, µs from the run's start.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Segment {
    /// The state.
    pub state: TaskState,
    /// Start, µs.
    pub start_us: u64,
    /// End, µs.
    pub end_us: u64,
}

/// One task's life (the `spans` of result JSON).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskSpan {
    /// Task id.
    pub task: u32,
    /// Lane (worker thread or process) that started it.
    pub worker: u32,
    /// OS thread id or process id of that worker.
    pub os_id: u64,
    /// Logical CPU when it started, if known.
    pub cpu_start: Option<u32>,
    /// Logical CPU when it ended, if known.
    pub cpu_end: Option<u32>,
    /// Start, µs from the run's start.
    pub start_us: u64,
    /// End, µs from the run's start.
    pub end_us: u64,
    /// Time computing, µs.
    pub busy_us: u64,
    /// Time waiting for the GIL, µs.
    pub gil_wait_us: u64,
    /// Time waiting on I/O, µs.
    pub io_wait_us: u64,
    /// Whether it finished with a result.
    pub ok: bool,
    /// State changes, in time order.
    pub segments: Vec<Segment>,
}

impl TaskSpan {
    /// End minus start, µs.
    pub fn duration_us(&self) -> u64 {
        self.end_us.saturating_sub(self.start_us)
    }
}

fn cpu(event: &Event) -> Option<u32> {
    (event.cpu != UNKNOWN_CPU).then_some(event.cpu)
}

/// Builds the span of one task from its events (in any order). Returns `None`
/// while the task has not ended.
pub fn build_span(events: &mut [Event], origin_ns: u64, lanes: &[LaneInfo]) -> Option<TaskSpan> {
    events.sort_by_key(|e| (e.t_ns, e.kind));
    let start = events.iter().find(|e| e.kind == EventKind::Start)?;
    let end = events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::End | EventKind::Failed))?;
    let us = |t_ns: u64| t_ns.saturating_sub(origin_ns) / 1000;
    let mut segments: Vec<Segment> = Vec::new();
    let mut current: Option<(TaskState, u64)> = None;
    for event in events.iter().filter(|e| e.t_ns <= end.t_ns) {
        let Some(state) = TaskState::of(event.kind) else {
            continue;
        };
        if current.map(|(s, _)| s) != Some(state) {
            if let Some((previous, since)) = current {
                push_segment(&mut segments, previous, us(since), us(event.t_ns));
            }
            current = Some((state, event.t_ns));
        }
    }
    if let Some((state, since)) = current {
        push_segment(&mut segments, state, us(since), us(end.t_ns));
    }
    let total = |wanted: TaskState| -> u64 {
        segments
            .iter()
            .filter(|s| s.state == wanted)
            .map(|s| s.end_us - s.start_us)
            .sum()
    };
    let os_id = lanes
        .get(start.worker as usize)
        .map_or(0, |lane| lane.os_id);
    Some(TaskSpan {
        task: start.task,
        worker: start.worker,
        os_id,
        cpu_start: cpu(start),
        cpu_end: cpu(end),
        start_us: us(start.t_ns),
        end_us: us(end.t_ns),
        busy_us: total(TaskState::Running),
        gil_wait_us: total(TaskState::GilWait),
        io_wait_us: total(TaskState::IoWait),
        ok: end.kind == EventKind::End,
        segments,
    })
}

fn push_segment(segments: &mut Vec<Segment>, state: TaskState, start_us: u64, end_us: u64) {
    if end_us <= start_us {
        return;
    }
    match segments.last_mut() {
        Some(last) if last.state == state && last.end_us >= start_us => last.end_us = end_us,
        _ => segments.push(Segment {
            state,
            start_us,
            end_us,
        }),
    }
}

/// Builds every finished task's span from a run's events, sorted by start.
pub fn build_spans(events: &[Event], origin_ns: u64, lanes: &[LaneInfo]) -> Vec<TaskSpan> {
    let mut by_task: HashMap<u32, Vec<Event>> = HashMap::new();
    for event in events {
        by_task.entry(event.task).or_default().push(*event);
    }
    let mut spans: Vec<TaskSpan> = by_task
        .into_values()
        .filter_map(|mut events| build_span(&mut events, origin_ns, lanes))
        .collect();
    spans.sort_by_key(|s| (s.start_us, s.task));
    spans
}

/// Builds spans while a run goes: events arrive in batches, a span is
/// emitted as soon as its task ends.
#[derive(Debug, Default)]
pub struct LiveSpans {
    open: HashMap<u32, Vec<Event>>,
}

impl LiveSpans {
    /// Feeds a batch; returns the spans of tasks that ended in it.
    pub fn feed(&mut self, events: &[Event], origin_ns: u64, lanes: &[LaneInfo]) -> Vec<TaskSpan> {
        let mut ended = Vec::new();
        for event in events {
            self.open.entry(event.task).or_default().push(*event);
            if matches!(event.kind, EventKind::End | EventKind::Failed) {
                ended.push(event.task);
            }
        }
        ended
            .into_iter()
            .filter_map(|task| {
                let mut events = self.open.remove(&task)?;
                build_span(&mut events, origin_ns, lanes)
            })
            .collect()
    }

    /// Tasks started and not yet ended.
    pub fn in_flight(&self) -> usize {
        self.open.len()
    }

    /// The tasks still running, each as a span that ends now (`now_ns`), in
    /// the state it is in: what a live timeline draws growing.
    pub fn open_spans(&self, origin_ns: u64, now_ns: u64, lanes: &[LaneInfo]) -> Vec<TaskSpan> {
        self.open
            .values()
            .filter_map(|events| {
                let mut events = events.clone();
                events.push(Event {
                    t_ns: now_ns.max(events.iter().map(|e| e.t_ns).max().unwrap_or(0)),
                    task: events.first()?.task,
                    worker: events.first()?.worker,
                    cpu: UNKNOWN_CPU,
                    kind: EventKind::End,
                });
                build_span(&mut events, origin_ns, lanes)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(t_us: u64, kind: EventKind) -> Event {
        Event {
            t_ns: 1_000_000 + t_us * 1000,
            task: 3,
            worker: 0,
            cpu: 1,
            kind,
        }
    }

    #[test]
    fn segments_follow_state_changes() {
        let mut events = vec![
            event(10, EventKind::Start),
            event(10, EventKind::Running),
            event(30, EventKind::GilWait),
            event(50, EventKind::Running),
            event(60, EventKind::IoWait),
            event(100, EventKind::Running),
            event(110, EventKind::End),
        ];
        events.reverse(); // order of arrival does not matter
        let span = build_span(&mut events, 1_000_000, &[]).expect("ended");
        assert_eq!((span.start_us, span.end_us), (10, 110));
        assert_eq!(span.busy_us, 20 + 10 + 10);
        assert_eq!(span.gil_wait_us, 20);
        assert_eq!(span.io_wait_us, 40);
        assert_eq!(span.segments.len(), 5);
        assert!(span.ok);
    }

    #[test]
    fn an_unfinished_task_has_no_span_yet() {
        let mut events = vec![event(0, EventKind::Start), event(1, EventKind::Running)];
        assert!(build_span(&mut events, 1_000_000, &[]).is_none());
    }

    #[test]
    fn the_live_builder_emits_spans_as_tasks_end() {
        let mut live = LiveSpans::default();
        let first = live.feed(
            &[event(0, EventKind::Start), event(0, EventKind::Running)],
            1_000_000,
            &[],
        );
        assert!(first.is_empty());
        assert_eq!(live.in_flight(), 1);
        let second = live.feed(&[event(5, EventKind::Failed)], 1_000_000, &[]);
        assert_eq!(second.len(), 1);
        assert!(!second[0].ok);
        assert_eq!(live.in_flight(), 0);
    }
}
