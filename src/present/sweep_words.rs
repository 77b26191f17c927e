//! How a sweep's axes read, in the window and the charts alike.

use crate::engine::spec::preset::SweepParameter;
use crate::engine::view::sweep::SweepMeasure;
use crate::tr;

/// The x axis: the swept parameter with its unit.
pub fn axis(parameter: SweepParameter) -> String {
    match parameter {
        SweepParameter::Workers => tr!("sweep-axis-workers"),
        SweepParameter::Tasks => tr!("sweep-axis-tasks"),
        SweepParameter::SwitchIntervalMs => tr!("sweep-axis-switch-interval"),
        SweepParameter::CpuMs => tr!("sweep-axis-cpu-ms"),
        SweepParameter::IoMs => tr!("sweep-axis-io-ms"),
    }
}

/// The y axis: what the curves measure.
pub fn measure_axis(measure: SweepMeasure) -> String {
    match measure {
        SweepMeasure::Speedup => tr!("chart-speedup-axis"),
        SweepMeasure::IoTaskMs => tr!("sweep-axis-io-task"),
    }
}

/// The plot's title: what is drawn against the swept value.
pub fn title(measure: SweepMeasure) -> String {
    match measure {
        SweepMeasure::Speedup => tr!("chart-subject-sweep"),
        SweepMeasure::IoTaskMs => tr!("sweep-title-io-task"),
    }
}
